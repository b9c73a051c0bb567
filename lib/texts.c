/* The model's texts (lib/texts.h): the description, notes, disruption
 * labels; the epoch's setter is here too, its arithmetic in lib/calendar.c.
 * Each setting is an OTI_EV_TEXT event through the ordinary record path
 * (lib/record.h): validated, room made, journalled, then applied, so a
 * failure changes nothing.
 * SPDX-License-Identifier: MIT */
#include "calendar.h"
#include "texts.h"
#include "args.h"
#include "error.h"
#include "model.h"
#include "record.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

void oti_texts_free(oti_texts *x)
{
    oti_arena_free(&x->pool);
    oti_free(x->label);
    oti_free(x->kept);
    oti_strmap_free(&x->labels);
    memset(x, 0, sizeof *x);
}

int oti_texts_any(const ot_model *m)
{
    return m->texts.description || m->texts.epoch[0] || m->texts.labels.n || m->texts.nev;
}

const char *oti_label(const ot_model *m, uint32_t d) { return d < m->texts.nlabel ? m->texts.label[d] : NULL; }

const char *oti_disruption_ref(const ot_model *m, uint32_t d, char out[80])
{
    const char *l = oti_label(m, d);
    if (l)
        return oti_quote(l, out);
    snprintf(out, 80, "%u", (unsigned)d);
    return out;
}

const char *oti_disruption_id(const ot_model *m, uint32_t d, char buf[48])
{
    const char *l = oti_label(m, d);
    if (l)
        return l;
    snprintf(buf, 48, "d%u", (unsigned)d);
    size_t n = strlen(buf);
    for (unsigned k = 2; oti_strmap_get(&m->texts.labels, buf, strlen(buf)) != UINT32_MAX; k++)
        snprintf(buf + n, 48 - n, "#%u", k);
    return buf;
}

/* A text argument: non-NULL, not empty, at most max bytes, valid UTF-8 (a
 * C string holds no NUL). */
static int check_text(const char *s, size_t max, const char *fn, const char *arg)
{
    int rc = oti_check_name(s, max, fn, arg);
    if (!rc && !*s)
        rc = oti_fail(OT_EINVAL, "%s: %s is empty", fn, arg);
    return rc;
}

/* Room for a text of n bytes (and its NUL) and, for a label of d, its
 * entries. */
static int make_room(ot_model *m, int kind, uint32_t d, size_t n, int keep, const char *fn)
{
    oti_texts *x = &m->texts;
    if (oti_arena_reserve(&x->pool, n + 1) || (keep && OTI_RESERVE(x->kept, x->capkept, x->nkept + 1)))
        return oti_nomem(fn);
    if (kind == OTI_TEXT_LABEL) {
        if (d >= x->nlabel && OTI_RESERVE(x->label, x->caplabel, (size_t)d + 1))
            return oti_nomem(fn);
        if (oti_strmap_reserve(&x->labels, n))
            return oti_nomem(fn);
    }
    return OT_OK;
}

/* Record (record: the model records its events) and apply a checked text. */
static int put_text(ot_model *m, int kind, uint32_t d, const char *text, int record, const char *fn)
{
    oti_texts *x = &m->texts;
    size_t n = strlen(text);
    int keep = (record && m->keep_events) || x->keep_replayed, rc;
    if ((rc = make_room(m, kind, d, n, keep, fn)))
        return rc;
    oti_event ev = {.type = OTI_EV_TEXT, .kind = (uint8_t)kind, .a = kind == OTI_TEXT_LABEL ? d : 0};
    if (record && (rc = oti_record_begin(m, &ev, text, fn)))
        return rc;
    const char *s = oti_arena_put(&x->pool, text, n + 1);
    switch (kind) {
    case OTI_TEXT_DESCRIPTION: x->description = s; break;
    case OTI_TEXT_LABEL:
        while (x->nlabel <= d)
            x->label[x->nlabel++] = NULL;
        x->label[d] = s;
        oti_strmap_add(&x->labels, s, n, d); /* room made */
        break;
    case OTI_TEXT_EPOCH: memcpy(x->epoch, text, n + 1); break; /* checked: 10 bytes */
    default: break;                                          /* a note: only the event */
    }
    if (keep)
        x->kept[x->nkept++] = s;
    if (record || m->replaying) {
        x->nev++;
        oti_record_end(m);
    }
    return OT_OK;
}

OT_API int ot_model_set_description(ot_model *m, const char *text)
{
    static const char fn[] = "ot_model_set_description";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = check_text(text, OTI_TEXT_MAX, fn, "text")))
        return rc;
    return put_text(m, OTI_TEXT_DESCRIPTION, 0, text, 1, fn);
}

OT_API const char *ot_model_description(const ot_model *m) { return m ? m->texts.description : NULL; }

OT_API int ot_note(ot_model *m, const char *text)
{
    static const char fn[] = "ot_note";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = check_text(text, OTI_TEXT_MAX, fn, "text")))
        return rc;
    /* A model that records nothing has nothing to note (while a store
     * replays its journal, it counts the note as journalled). */
    if (!oti_recording(m) && !m->replaying)
        return OT_OK;
    /* The events other than texts: the kept ones, or the journal's. */
    if (!m->replaying && m->nlog <= m->texts.nev)
        return oti_fail(OT_ESTATE, "%s: there is no event to note yet (a note goes on the last event accepted)", fn);
    return put_text(m, OTI_TEXT_NOTE, 0, text, 1, fn);
}

static int check_label(const ot_model *m, ot_id d, const char *label, const char *fn)
{
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = check_text(label, OTI_LABEL_MAX, fn, "label")))
        return rc;
    if (d >= m->ndisr)
        return oti_fail(OT_ENOTFOUND, "%s: d = %u is not a disruption (the model has %zu)", fn, (unsigned)d, m->ndisr);
    char q[80], q2[80];
    if (oti_label(m, d))
        return oti_fail(OT_ESTATE, "%s: disruption %u already has the label %s (a label is given once)", fn,
                        (unsigned)d, oti_disruption_ref(m, d, q));
    uint32_t other = oti_strmap_get(&m->texts.labels, label, strlen(label));
    if (other != UINT32_MAX)
        return oti_fail(OT_EEXIST, "%s: label %s is taken by disruption %u (labels are unique in a model)", fn,
                        oti_disruption_ref(m, other, q2), (unsigned)other);
    return OT_OK;
}

OT_API int ot_disruption_set_label(ot_model *m, ot_id d, const char *label)
{
    static const char fn[] = "ot_disruption_set_label";
    int rc = check_label(m, d, label, fn);
    return rc ? rc : put_text(m, OTI_TEXT_LABEL, d, label, 1, fn);
}

OT_API const char *ot_disruption_label(const ot_model *m, ot_id d) { return m ? oti_label(m, d) : NULL; }

OT_API int ot_model_set_epoch(ot_model *m, const char *date)
{
    static const char fn[] = "ot_model_set_epoch";
    int rc;
    int64_t s = 0;
    if ((rc = oti_check_mutable(m, fn)))
        return rc;
    if (!date)
        return oti_fail(OT_EINVAL, "%s: date is NULL", fn);
    if (oti_strnlen(date, 11) != 10 || oti_parse_date(date, &s)) {
        char q[80];
        return oti_fail(OT_EINVAL, "%s: date = %s is not a day of the calendar written YYYY-MM-DD (years 0001 to 9999)",
                        fn, oti_quote(date, q));
    }
    rc = put_text(m, OTI_TEXT_EPOCH, 0, date, 1, fn);
    if (!rc)
        m->texts.epoch_s = s;
    return rc;
}

OT_API const char *ot_model_epoch(const ot_model *m) { return m && m->texts.epoch[0] ? m->texts.epoch : NULL; }

int oti_texts_restore(ot_model *m, int kind, uint32_t d, const char *text)
{
    static const char fn[] = "snapshot";
    int64_t s = 0;
    int rc;
    switch (kind) {
    case OTI_TEXT_DESCRIPTION: rc = check_text(text, OTI_TEXT_MAX, fn, "the description"); break;
    case OTI_TEXT_LABEL: rc = check_label(m, d, text, fn); break;
    case OTI_TEXT_EPOCH:
        rc = strlen(text) != 10 || oti_parse_date(text, &s) ? oti_fail(OT_EINVAL, "%s: a bad epoch", fn) : OT_OK;
        break;
    default: rc = oti_fail(OT_EINVAL, "%s: text kind %d is unknown", fn, kind);
    }
    if (!rc && !(rc = put_text(m, kind, d, text, 0, fn)) && kind == OTI_TEXT_EPOCH)
        m->texts.epoch_s = s;
    return rc;
}
