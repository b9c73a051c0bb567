/* The one vocabulary of the reports: every term the report JSON
 * (docs/report.md), the history (docs/history.md), the command line and the
 * HTML report show, each with
 *
 *   key         the JSON key ("standing"), or for a value of a field the
 *               field and the value joined with a dot ("status.unhealthy");
 *   term        the model's term (docs/model.md);
 *   plain       the plain words a director understands;
 *   phrase      the plain words with slots for names ("how far {org} trusts
 *               {actor}"), or NULL when they need no names;
 *   definition  one or two sentences for a glossary: what the number
 *               means, its range, and the section of docs/model.md.
 *
 * Every reader takes its words from here (ot_term_info(), ot_term_find(),
 * ot_term_fill()); nobody keeps a copy.
 * SPDX-License-Identifier: MIT */
#include "words.h"
#include "error.h"

#include <orgtrust.h>
#include <stdio.h>
#include <string.h>

typedef struct term {
    const char *key, *term, *plain, *phrase, *definition;
} term;

static const term TERMS[] = {
    /* ---- a direction of a tie (docs/model.md sections 2, 4, 7, 11) ---- */
    {"trust", "trust", "how far one relies on the other", "how far {truster} relies on {trustee}",
     "T(i -> j), how willing i is to rely on j, from 0 (not at all) to 1 (fully). It starts at i's propensity "
     "and moves only with events: slowly up, quickly down (docs/model.md section 2)."},
    {"trustworthiness", "trustworthiness", "what the record says of the other",
     "what {truster}'s record of {trustee} says",
     "TW(i -> j), how trustworthy i's evidence shows j to be: ability, benevolence and integrity weighted "
     "0.3, 0.3, 0.4, from 0 to 1, 0.5 without evidence (docs/model.md section 2)."},
    {"effective_trust", "effective trust", "how far one can rely on the other, the organisations counted",
     "how far {truster} can rely on {trustee}, the organisations counted",
     "ET = min(trust, the colleagues' reputation of the other organisation, that organisation's backing), "
     "from 0 to 1: to rely on someone of another organisation one must trust the person and the organisation "
     "(docs/model.md section 4)."},
    {"limit", "limiting factor", "what holds the effective trust down", NULL,
     "Which of the three parts of effective trust is the lowest: the person, the reputation or the backing "
     "(docs/model.md section 4)."},
    {"limit.person", "limited by the person", "the organisations do not hold it down", NULL,
     "Effective trust equals the trust in the person: the organisations are not what holds it down "
     "(docs/model.md section 4)."},
    {"limit.reputation", "limited by reputation", "what the colleagues think of the other organisation", NULL,
     "Effective trust is held down by the reputation of the other organisation among the truster's colleagues "
     "(docs/model.md section 4)."},
    {"limit.backing", "limited by backing", "how the other organisation's leadership stands", NULL,
     "Effective trust is held down by how the other organisation's leadership stands toward the truster's "
     "organisation (docs/model.md section 4)."},
    {"dark_side", "dark side of trust", "goes on trusting against the record",
     "{truster} goes on trusting {trustee} against the record",
     "True when the truster has substantial evidence (at least 5 observations' worth) and trust runs at least "
     "0.25 above trustworthiness: trusting a partner who keeps failing, often where there is a click "
     "(docs/model.md section 7)."},
    {"scar", "scar", "lasting damage of a breach, healing", NULL,
     "The mark breaches leave, from 0 (none) to 1; deepest for a breach early in a relationship. It heals with "
     "a half-life of 365 days and lowers the ceiling (docs/model.md section 11)."},
    {"deception_scar", "deception scar", "lasting damage of deception", NULL,
     "The mark deception leaves (a concealed agenda, a denial shown false), from 0 to 1; by default it never "
     "heals (docs/model.md section 11)."},
    {"ceiling", "ceiling", "how high trust can grow back", "trust can grow back to {value} at most now",
     "C = (1 - scar)(1 - deception scar), from 0 to 1: no gain and no repair takes trust above it; 1 when there "
     "is no damage (docs/model.md section 11)."},

    /* ---- people and organisations (sections 1, 3, 4, 6) ---- */
    {"standing", "standing", "how far their own organisation trusts them", "how far {org} trusts {actor}",
     "The weighted mean trust of an actor's colleagues in the actor over the ties within the organisation, "
     "from 0 to 1; 0.5 (the organisation prior) without such ties (docs/model.md section 4)."},
    {"reputation", "reputation", "how one organisation sees the other", "how {a} sees {b}",
     "rep(A -> B), the weighted mean trust of A's members in B's members over their ties, from 0 to 1; 0.5 "
     "(the organisation prior) without ties (docs/model.md section 4)."},
    {"backing", "backing", "how the leadership stands toward the other organisation",
     "how {a}'s leadership stands toward {b}",
     "backing(A -> B), the weighted mean trust of A's managers and administrators (the managerial layer and "
     "up) in B's members, from 0 to 1; 0.5 without such ties (docs/model.md section 4)."},
    {"layer_trust", "layer trust", "how far the two organisations trust each other at one level",
     "how far {a} and {b} trust each other at the {layer} layer",
     "The weighted mean trust over both directions of the ties between the two organisations at one layer, "
     "from 0 to 1. The lowest one above a tie is its climate (docs/model.md section 3)."},
    {"hazards", "escalation hazards", "ties that can spoil an escalation",
     "{higher} cannot mediate disputes up to the {layer} layer: a diagonal tie with {other}",
     "Every diagonal tie between the two organisations: its higher end works with the other side's staff "
     "below, and so is compromised for disruptions at or below the lower end's layer (docs/model.md "
     "section 6)."},
    {"bridge", "on the bridge", "trusts the other organisation far more than the colleagues do", NULL,
     "An actor whose bridge gap toward an organisation is at least 0.25: the colleagues do not follow across "
     "(docs/model.md section 4)."},
    {"gap", "bridge gap", "how much more one trusts the other organisation than the colleagues do",
     "how much more {actor} trusts {org} than the colleagues do",
     "The actor's own mean trust in the organisation's members minus the colleagues' reputation of it, from -1 "
     "to 1; at least 0.25 puts the actor on the bridge (docs/model.md section 4)."},

    /* ---- a tie (sections 1, 3, 7) ---- */
    {"ties.horizontal", "horizontal tie", "counterparts at the same level in two organisations", NULL,
     "A tie between two organisations whose two actors are on the same layer (docs/model.md section 1)."},
    {"ties.diagonal", "diagonal tie", "works with the other organisation's staff at another level", NULL,
     "A tie between two organisations whose actors are on different layers: its higher end is compromised as "
     "a mediator below (docs/model.md sections 1 and 6)."},
    {"ties.vertical", "vertical tie", "across levels within one organisation", NULL,
     "A tie within one organisation between actors on different layers, such as a boss and a subordinate "
     "(docs/model.md section 1)."},
    {"ties.internal", "internal tie", "colleagues at one level within one organisation", NULL,
     "A tie within one organisation between actors on the same layer (docs/model.md section 1)."},
    {"intensity", "intensity", "how much the two work together", NULL,
     "w, the tie's weight in every mean, from 0.000001 to 1000000; 1 by default (docs/model.md section 1)."},
    {"affect", "affect", "the personal click", NULL,
     "a, from 0 (none) to 1 (strong): a strong click softens the trust lost on failures (docs/model.md "
     "sections 1 and 2)."},
    {"uncertainty", "task uncertainty", "how uncertain the joint task is", NULL,
     "U, from 0 to 1 (0.5 by default): the more uncertain the task, the more trust cooperation needs "
     "(docs/model.md sections 1 and 7)."},
    {"cooperation_basis", "cooperation basis", "what their cooperation rests on", NULL,
     "Trust when trust meets what the task needs (0.2 + 0.6 U), else reliability when the record is good "
     "(trustworthiness 0.6 or more) and the task clear (U at most 0.5), else at risk; the weaker direction "
     "counts (docs/model.md section 7)."},
    {"cooperation_basis.trust", "trust", "they trust each other enough for the task", NULL,
     "Both directions' trust meets what the task's uncertainty asks (docs/model.md section 7)."},
    {"cooperation_basis.reliability", "reliability", "they steer on kept agreements, not on trust", NULL,
     "Trust falls short of what the task asks, but the record is good and the task clear enough to rely on "
     "agreements (docs/model.md section 7)."},
    {"cooperation_basis.at_risk", "at risk", "cooperation at risk: neither enough trust nor a record to rely on",
     NULL,
     "Trust falls short of what the task asks, and the record or the task's clarity does not make up for it "
     "(docs/model.md section 7)."},
    {"damping", "damping", "how much of a gain in trust comes through now",
     "{percent} of a gain in trust comes through now",
     "D, from 0 to 1: the factor on every trust gain on the tie now. Below 1 when the layers above trust each "
     "other less than 0.5, and halved while a disruption is open (docs/model.md section 3)."},
    {"open_disruptions", "open disruptions", "conflicts not settled yet", NULL,
     "Disruptions that are neither repaired, settled by escalation nor withdrawn (docs/model.md section 5)."},

    /* ---- a disruption (sections 5, 12) ---- */
    {"kind.task", "task disruption", "a disagreement about the work", NULL,
     "A disruption about the joint task, interests or working methods: ability evidence (docs/model.md "
     "section 5)."},
    {"kind.relational", "relational disruption", "a conflict about the person or their behaviour", NULL,
     "A disruption about the person or the behaviour: integrity evidence, full trust loss (docs/model.md "
     "section 5)."},
    {"severity", "severity", "how serious it was", NULL,
     "From just above 0 to 1; the evidence is twice the severity (docs/model.md section 5)."},
    {"separated", "person and task kept apart", "yes to the person, no to the behaviour", NULL,
     "For a task disruption: the record takes it in full, but trust loses only a fifth of it (docs/model.md "
     "section 5)."},
    {"surfaced", "surfaced", "brought to the table", NULL,
     "The day a liaison's consultation or an escalation brought the disruption to light; from then on its "
     "freshness no longer fades (docs/model.md sections 5 and 8)."},
    {"freshness", "freshness", "how much of the lost trust can still be restored",
     "{percent} of the lost trust can still be restored",
     "2^(-days waited / 30), from 1 (fresh) down toward 0, halving every 30 days until it surfaces: the share "
     "of the lost trust a repair or an escalation can still restore (docs/model.md section 5)."},
    {"trust_before", "trust before", "the trust before the disruption", NULL,
     "The observer's trust just before the disruption: what a repair aims back at, from 0 to 1 (docs/model.md "
     "section 5)."},
    {"trust_now", "trust now", "the trust now", NULL, "The observer's trust now, from 0 to 1 (docs/model.md section 2)."},
    {"escalation_failed", "escalation failed", "an escalation already failed", NULL,
     "An escalation found nobody who could mediate, or the mediators did not trust each other enough: the "
     "trouble spilled down onto both (docs/model.md sections 5 and 14)."},
    {"response", "response", "how the other answered", NULL,
     "The other party's answer to the disruption: apology, denial, promise or none (docs/model.md section 12)."},
    {"response.apology", "apology", "admitted the fault", NULL,
     "Repairs a task disruption well (half the way back), a relational one little (docs/model.md section 12)."},
    {"response.denial", "denial", "said it was not at fault", NULL,
     "Repairs a relational disruption better than an apology; shown false later, it is deception "
     "(docs/model.md section 12)."},
    {"response.promise", "promise", "promised to do better", NULL,
     "Speeds up trust gains for 30 days, less so when honesty is in doubt (docs/model.md section 12)."},
    {"response.none", "no answer", "has not answered it", NULL,
     "The other party has not answered the disruption (reticent) (docs/model.md section 12)."},
    {"revealed", "revealed", "what later evidence showed", NULL,
     "Whether later evidence showed the other party at fault (docs/model.md section 12)."},
    {"revealed.guilty", "shown at fault", "later shown to be at fault", NULL,
     "After a denial this is a lie found out: a loss and a deception scar (docs/model.md section 12)."},
    {"revealed.innocent", "shown not at fault", "later shown not to be at fault", NULL,
     "Restores most of the lost trust, but the scars stay (docs/model.md section 12)."},

    /* ---- the ladder (section 14) ---- */
    {"level", "ladder level", "who handles the disruption now", "handled at the {layer} layer by {x} and {y}",
     "The layer where the disruption is handled and its two handlers: the parties themselves at first, one "
     "rung up with every referral (docs/model.md section 14)."},
    {"timebox", "timebox", "how long each level has to settle it", NULL,
     "The days a level has before the disruption goes one rung up: 5, 10, 20 days for three layers by default "
     "(5 times 2 to the power of the layer) (docs/model.md section 14)."},
    {"due", "due day", "the day it should be settled at this level", NULL,
     "The day the level took it plus the level's timebox (docs/model.md section 14)."},
    {"overdue", "overdue", "still open past its due day", NULL,
     "Open, and the model's time is past the due day; on the due day itself it is not (docs/model.md "
     "section 14)."},
    {"next_action", "next action", "what to do next", NULL,
     "Resolve at this level while it is neither overdue nor failed there, else refer it one rung up when a "
     "rung is free (docs/model.md section 14)."},
    {"next_action.resolve", "resolve", "settle it at this level", NULL,
     "The handlers should settle it where it is (docs/model.md section 14)."},
    {"next_action.refer", "refer", "take it one rung up, jointly", "refer it to the {layer} layer ({x} and {y})",
     "It is overdue or failed at its level and a rung is free above: refer it there (docs/model.md "
     "section 14)."},
    {"next_action.none", "no action", "nothing to do: it is not open", NULL,
     "The disruption is settled or withdrawn (docs/model.md section 14)."},

    /* ---- the escalation path (sections 5, 6) ---- */
    {"escalation_path", "escalation path", "who could mediate, level by level", NULL,
     "For every layer above the disruption, the two people on each side's line of superiors who would "
     "mediate, and whether they can (docs/model.md section 6)."},
    {"status.ok", "ok", "can mediate: they trust each other enough",
     "they trust each other enough ({xy} and {yx}): escalate here",
     "Neither is part of the conflict and both trust each other at least the escalation threshold (0.6) "
     "(docs/model.md section 6)."},
    {"status.no_superior", "no superior", "nobody higher up on one side",
     "nobody above {who} at this layer: the path ends here",
     "One side has nobody at this layer on its line of superiors; the path stops (docs/model.md section 6)."},
    {"status.compromised", "compromised", "cannot mediate: part of the conflict", NULL,
     "One of the two is a party to the disruption, or works directly with the other side's staff at or below "
     "its layer (a diagonal tie) (docs/model.md section 6)."},
    {"status.no_tie", "no tie", "no working relationship to escalate to", NULL,
     "The two have no tie (or are the same person): there is no relationship between them to carry an "
     "escalation (docs/model.md section 6)."},
    {"status.unhealthy", "unhealthy", "they do not trust each other enough",
     "they do not trust each other enough ({xy} and {yx}; {threshold} is needed)",
     "The weaker of their two trusts is below the escalation threshold (0.6): an escalation to them fails and "
     "spills down (docs/model.md sections 5 and 6)."},
    {"reason.party", "party to the disruption", "one of the two in conflict", "{who} is one of the two in conflict",
     "The candidate is one of the two people of the disrupted tie (docs/model.md section 6)."},
    {"reason.diagonal", "diagonal tie", "also works directly with the other side's staff below",
     "{who} also works directly with {org}'s {layer} staff",
     "The candidate has a tie to a member of the other organisation at or below the disruption's layer, and so "
     "is part of the disrupted relationship (docs/model.md section 6)."},
    {"recommended_step", "recommended step", "where to escalate to", NULL,
     "The first step whose pair can mediate (status ok), or none (docs/model.md section 6)."},
    {"threshold", "escalation threshold", "how much mediators must trust each other", NULL,
     "theta_esc, 0.6 by default: both mediators' trust in each other must reach it (docs/model.md "
     "section 6)."},
    {"outcome.resolved", "resolved by escalation", "settled by mediators higher up", NULL,
     "The mediators of the first healthy step settled it: trust moves back toward where it was, the more the "
     "fresher and the more the mediators trust each other (docs/model.md section 5)."},
    {"outcome.failed", "escalation failed", "no one higher up could settle it", NULL,
     "No step could mediate: the disruption stays open and both people of the tie lose trust in each other "
     "(docs/model.md section 5)."},

    /* ---- the events of a history (docs/history.md; the key is its "kind") ---- */
    {"kind.add_org", "organisation added", "an organisation or department was set up", NULL,
     "Structure: a new organisation, possibly inside another (docs/model.md section 1)."},
    {"kind.add_actor", "actor added", "someone joined", NULL,
     "Structure: a new person in an organisation, at a layer, possibly with a superior (docs/model.md "
     "section 1)."},
    {"kind.set_superior", "superior set", "someone got a new boss", NULL,
     "Structure: the actor's superior changes, and with it the escalation line (docs/model.md section 1)."},
    {"kind.set_propensity", "propensity set", "how readily someone trusts was set", NULL,
     "Structure: the trust a person starts new ties with, from 0 to 1 (docs/model.md section 1)."},
    {"kind.add_tie", "tie added", "two people started working together", NULL,
     "Structure: a new tie; its trust starts from the truster's propensity and what the own side thinks of "
     "the other (docs/model.md sections 1 and 13)."},
    {"kind.set_tie", "tie changed", "how two people work together changed", NULL,
     "Structure: the tie's intensity, affect or task uncertainty changes (docs/model.md section 1)."},
    {"kind.observe", "observation", "one saw the other keep or break an agreement, deliver, fail or help", NULL,
     "Evidence about the other's ability, benevolence or integrity: the record takes it in full, trust moves "
     "a little up or a lot down (docs/model.md section 2)."},
    {"kind.disrupt", "disruption", "a conflict or incident opened between two people", NULL,
     "Opens a disruption on their tie: negative evidence of twice its severity, and gains on the tie are "
     "halved while it is open (docs/model.md sections 3 and 5)."},
    {"kind.repair", "repair", "the two settled it themselves", NULL,
     "Moves trust back toward where it was before the disruption, by 0.6 of the way times its freshness "
     "(docs/model.md section 5)."},
    {"kind.escalate", "escalation", "taken to mediators higher up", NULL,
     "Goes to the first pair higher up that can mediate and settles it there; when none can, it fails and "
     "the trouble spills down onto both (docs/model.md section 5)."},
    {"kind.consult", "consultation", "a regular meeting without a concrete cause", NULL,
     "Both sides gain a little benevolence evidence; with a liaison it brings the open disruptions between "
     "the two organisations to light (docs/model.md section 8)."},
    {"kind.general_rule", "general rule", "an incident answered with a rule for everyone", NULL,
     "Everyone in the organisation who has a tie to their superior loses a little trust in that superior: "
     "the many suffer for the few (docs/model.md section 8)."},
    {"kind.respond", "response", "the other answered a disruption", NULL,
     "An apology, a denial or a promise moves trust back part of the way, depending on the kind of disruption "
     "(docs/model.md section 12)."},
    {"kind.reveal", "revelation", "later evidence showed who was at fault", NULL,
     "Shown not at fault restores trust; a denial shown false is deception (docs/model.md section 12)."},
    {"kind.end_tie", "tie end", "two people stopped working together", NULL,
     "The tie leaves every mean, its open disruptions are withdrawn, and the organisation remembers what it "
     "knew (docs/model.md section 13)."},
    {"kind.leave", "departure", "someone left the organisation", NULL,
     "All the actor's ties end (docs/model.md section 13)."},
    {"kind.move", "move", "someone moved within the organisations", NULL,
     "The actor changes organisation, layer or superior (docs/model.md section 13)."},
    {"kind.advance", "clock advance", "time passed without an event", NULL,
     "Moves the model's clock: evidence fades, scars heal (docs/model.md section 13)."},
    {"kind.refer", "referral", "taken one rung up the ladder, jointly", NULL,
     "The next pair up that is not compromised takes the disruption over, with a new timebox "
     "(docs/model.md section 14)."},
    {"kind.resolve", "settlement at a level", "the handlers tried to settle it where it is", NULL,
     "Before any referral a repair; after one it succeeds as an escalation when the handlers trust each "
     "other enough, else it fails there (docs/model.md section 14)."},
};

#define NTERMS (sizeof TERMS / sizeof TERMS[0])

static int find(const char *key)
{
    for (size_t i = 0; i < NTERMS; i++)
        if (strcmp(TERMS[i].key, key) == 0)
            return (int)i;
    return -1;
}

const char *oti_term_plain(const char *key)
{
    int i = find(key);
    return i < 0 ? NULL : TERMS[i].plain;
}

const char *oti_value_plain(const char *field, const oti_names *t, int v)
{
    char key[64];
    int n = snprintf(key, sizeof key, "%s.%s", field, oti_name_of(t, v));
    if (n < 0 || (size_t)n >= sizeof key)
        return NULL;
    return oti_term_plain(key);
}

OT_API int ot_term_info(unsigned i, const char **key, const char **term, const char **plain,
                        const char **definition)
{
    if (i >= NTERMS)
        return oti_fail(OT_ENOTFOUND, "ot_term_info: i = %u is past the last term (%u terms)", i, (unsigned)NTERMS);
    if (key)
        *key = TERMS[i].key;
    if (term)
        *term = TERMS[i].term;
    if (plain)
        *plain = TERMS[i].plain;
    if (definition)
        *definition = TERMS[i].definition;
    return OT_OK;
}

OT_API int ot_term_find(const char *key, unsigned *i)
{
    if (!key || !i)
        return oti_fail(OT_EINVAL, "ot_term_find: %s is NULL", key ? "i" : "key");
    int k = find(key);
    if (k < 0)
        return oti_fail(OT_ENOTFOUND, "ot_term_find: key = \"%.64s\" is not a term", key);
    *i = (unsigned)k;
    return OT_OK;
}

/* The value of slot name[0 .. n) among the pairs, or NULL. */
static const char *slot(const char *const *slots, size_t nslots, const char *name, size_t n)
{
    for (size_t k = 0; k < nslots; k++)
        if (slots[2 * k] && strlen(slots[2 * k]) == n && strncmp(slots[2 * k], name, n) == 0)
            return slots[2 * k + 1];
    return NULL;
}

OT_API int ot_term_fill(unsigned i, const char *const *slots, size_t nslots, char *out, size_t size,
                        size_t *len)
{
    static const char FN[] = "ot_term_fill";
    if (i >= NTERMS)
        return oti_fail(OT_ENOTFOUND, "%s: i = %u is past the last term (%u terms)", FN, i, (unsigned)NTERMS);
    if ((!slots && nslots) || (!out && size))
        return oti_fail(OT_EINVAL, "%s: %s is NULL", FN, out || !size ? "slots" : "out");
    const char *p = TERMS[i].phrase ? TERMS[i].phrase : TERMS[i].plain;
    /* Check every slot first: nothing is written on an error. */
    for (const char *s = strchr(p, '{'); s; s = strchr(s + 1, '{')) {
        const char *e = strchr(s, '}');
        const char *v = slot(slots, nslots, s + 1, (size_t)(e - s - 1));
        if (!v)
            return oti_fail(OT_EINVAL, "%s: the phrase of \"%s\" needs the slot \"%.*s\", which slots does not give",
                            FN, TERMS[i].key, (int)(e - s - 1), s + 1);
    }
    size_t n = 0;
    for (const char *s = p; *s;) {
        const char *v = s, *next = s + 1;
        size_t k = 1;
        if (*s == '{') {
            const char *e = strchr(s, '}');
            v = slot(slots, nslots, s + 1, (size_t)(e - s - 1));
            k = strlen(v);
            next = e + 1;
        }
        for (size_t c = 0; c < k; c++, n++)
            if (n + 1 < size)
                out[n] = v[c];
        s = next;
    }
    if (size)
        out[n < size ? n : size - 1] = '\0';
    if (len)
        *len = n;
    return OT_OK;
}
