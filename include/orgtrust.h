/*
 * orgtrust: a reference model of trust between organisations.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file orgtrust.h
 * @brief The one public header of liborgtrust.
 *
 * orgtrust models trust between organisations that cooperate through many
 * person-to-person relationships on several layers (operational,
 * managerial, administrative). The model is specified in docs/model.md;
 * this header is the C contract.
 *
 * @section conventions Conventions
 *
 * - Every function that can fail returns an @c int: #OT_OK (0) or a negative
 *   ::ot_status. Output goes through pointer arguments that are written only
 *   on success (the one documented exception is ot_observe_batch()'s
 *   @p applied). ot_last_error() then describes the failure.
 * - A failing call changes nothing: not on bad input, not on out-of-memory,
 *   not on a failed store write.
 * - Ids (::ot_id) are dense indices from 0 in creation order, one sequence
 *   per kind (organisations, actors, ties, disruptions). #OT_NONE means
 *   "no id".
 * - Strings passed in are copied. Strings returned are owned by the model
 *   (or are static) and stay valid until the model is freed. Buffers
 *   returned by the @c *_json and @c *_dot functions are owned by the caller
 *   and released with ot_free().
 * - Queries take a @c const model, use the state as of the model's current
 *   time (the @c t of the last accepted event) and never change the model.
 *
 * @section costs Costs
 *
 * Every function states its cost and the docs/model.md section that
 * defines what it computes. Costs are in these terms: L the number of
 * layers (at most 8); depth the nesting depth of organisations (at most
 * 16); ties(i) the ties of actor i; pairs(e) the organisation pairs a tie e
 * feeds (one per combination of the organisations each end climbs through
 * below their lowest common one: at most 256, one to four in practice).
 * "Expected" marks a hash lookup (constant time on average). With events
 * kept (the default, #OT_PARAM_KEEP_EVENTS), every accepted mutating call
 * also appends one record to the model's event log (amortised O(1)). On a
 * store-bound model every accepted mutating call also writes one journal
 * row in its own SQLite transaction made durable with fsync (synchronous =
 * FULL), which outweighs everything else; inside ot_store_begin() and
 * ot_store_commit() the fsync comes once, at the commit.
 *
 * @section platforms Platforms
 *
 * Supported and tested: Linux on x86-64 with glibc (Debian 12: glibc 2.36),
 * built with GCC 12 (the whole test suite, also under AddressSanitizer,
 * UndefinedBehaviorSanitizer and valgrind) and Clang 14 (the fuzzers, with
 * the sanitizers). Expected to work, not tested: other 64-bit Linux targets
 * (aarch64, musl) and other ELF systems with a GCC-compatible C11 compiler
 * and a GNU-compatible linker (the build uses a linker version script).
 * Not supported: 32-bit targets (the exact aggregates use @c __int128),
 * MSVC, and macOS (its linker takes no version script). Results are
 * bit-identical on every platform with IEEE-754 doubles and no
 * @c -ffast-math.
 *
 * @section threads Threads
 *
 * Distinct models are independent and may be used from different threads at
 * the same time. One model is not safe for concurrent calls if any of them
 * mutates it; concurrent queries on one model are safe. The message of
 * ot_last_error() is kept per thread. The only process-wide state is the
 * allocator hook, which may only be changed while no configuration and no
 * model exist.
 */
#ifndef ORGTRUST_H
#define ORGTRUST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @cond INTERNAL */
#if defined(_WIN32) && defined(ORGTRUST_BUILDING)
#define OT_API __declspec(dllexport)
#elif defined(_WIN32) && !defined(ORGTRUST_STATIC)
#define OT_API __declspec(dllimport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#define OT_API __attribute__((visibility("default")))
#else
#define OT_API
#endif
/** @endcond */

/** @name Version
 *  The version lives here only; the build reads it from these macros.
 *  @{ */
/** Major version: changes only with an incompatible ABI. */
#define OT_VERSION_MAJOR 1
/** Minor version: additions that keep the ABI. */
#define OT_VERSION_MINOR 1
/** Patch version: fixes only. */
#define OT_VERSION_PATCH 0
/** The version as text. */
#define OT_VERSION_STRING "1.1.0"
/** MAJOR*10000 + MINOR*100 + PATCH. */
#define OT_VERSION_NUMBER \
    (OT_VERSION_MAJOR * 10000 + OT_VERSION_MINOR * 100 + OT_VERSION_PATCH)
/** @} */

/** An organisation, actor, tie or disruption id (dense, from 0). */
typedef uint32_t ot_id;

/** "No id": no parent, no superior, no liaison, nobody excluded. */
#define OT_NONE UINT32_MAX

/**
 * Status codes. The values are fixed forever; a retired code stays here as
 * a comment and is never reused.
 */
typedef enum ot_status {
    OT_OK = 0,        /**< Success. */
    OT_EINVAL = -1,   /**< An argument is out of range, NaN, or not allowed. */
    OT_ENOMEM = -2,   /**< An allocation failed; nothing changed. */
    OT_ENOTFOUND = -3,/**< An id, tie or record does not exist. */
    OT_EEXIST = -4,   /**< The thing to create exists already. */
    OT_ETIME = -5,    /**< An event's time is earlier than the model's time. */
    OT_ESTATE = -6,   /**< Not allowed in the current state. */
    OT_EIO = -7,      /**< Reading or writing a file or store failed. */
    OT_EFORMAT = -8,  /**< Input data (scenario, store file) is malformed. */
    OT_ENOTSUP = -9,  /**< Not supported by this build or configuration. */
    OT_ELIMIT = -10,  /**< A size or count limit was exceeded. */
    OT_EBUSY = -11    /**< The store is locked by another writer (1.1; reported as OT_EIO by 1.0). */
} ot_status;

/** Opaque model configuration (parameters and layers). */
typedef struct ot_config ot_config;
/** Opaque model: organisations, actors, ties, trust state and events. */
typedef struct ot_model ot_model;

/**
 * Configuration parameters (fixed values). Defaults and meanings are those
 * of docs/model.md.
 */
typedef enum ot_param {
    OT_PARAM_GAIN_RATE = 1,             /**< g, default 0.05, in [0,1]. */
    OT_PARAM_LOSS_RATE = 2,             /**< l, default 0.25, in [0,1]. */
    OT_PARAM_DARK_SIDE = 3,             /**< k, default 0.9, in [0,1]. */
    OT_PARAM_EVIDENCE_HALF_LIFE = 4,    /**< H in days, default 365; <= 0 or infinite: no decay. */
    OT_PARAM_WEIGHT_ABILITY = 5,        /**< default 0.3, in [0,1]. */
    OT_PARAM_WEIGHT_BENEVOLENCE = 6,    /**< default 0.3, in [0,1]. */
    OT_PARAM_WEIGHT_INTEGRITY = 7,      /**< default 0.4, in [0,1]; the three sum to 1. */
    OT_PARAM_PROPENSITY = 8,            /**< default actor propensity p, 0.5, in [0,1]. */
    OT_PARAM_CLIMATE_THRESHOLD = 9,     /**< theta_c, default 0.5, in (0,1]. */
    OT_PARAM_DISRUPTED_GAIN = 10,       /**< gain factor on a disrupted tie, default 0.5, in [0,1]. */
    OT_PARAM_ORG_PRIOR = 11,            /**< organisation prior, default 0.5, in [0,1]. */
    OT_PARAM_BRIDGE_GAP = 12,           /**< bridge-builder gap, default 0.25, in [0,1]. */
    OT_PARAM_SEPARATION = 13,           /**< sigma, default 0.8, in [0,1]. */
    OT_PARAM_DISRUPTION_WEIGHT = 14,    /**< evidence per unit severity, default 2, in [0,10]. */
    OT_PARAM_REPAIR_FRACTION = 15,      /**< f0, default 0.6, in [0,1]. */
    OT_PARAM_REPAIR_HALF_LIFE = 16,     /**< H_r in days, default 30; <= 0 or infinite: no fading. */
    OT_PARAM_ESCALATION_FRACTION = 17,  /**< f_esc, default 0.9, in [0,1]. */
    OT_PARAM_ESCALATION_THRESHOLD = 18, /**< theta_esc, default 0.6, in [0,1]. */
    OT_PARAM_DARK_SIDE_GAP = 19,        /**< default 0.25, in [0,1]. */
    OT_PARAM_DARK_SIDE_MIN_EVIDENCE = 20, /**< default 5, finite, >= 0. */
    OT_PARAM_COOP_TAU0 = 21,            /**< tau0, default 0.2, in [0,1]. */
    OT_PARAM_COOP_TAU1 = 22,            /**< tau1, default 0.6, in [0,1]. */
    OT_PARAM_COOP_RELIABILITY = 23,     /**< TW needed for RELIABILITY, default 0.6, in [0,1]. */
    OT_PARAM_COOP_MAX_UNCERTAINTY = 24, /**< U allowed for RELIABILITY, default 0.5, in [0,1]. */
    OT_PARAM_CONSULT_MAGNITUDE = 25,    /**< default 0.5, in [0,10]. */
    OT_PARAM_RULE_MAGNITUDE = 26,       /**< default 0.5, in [0,10]. */
    OT_PARAM_UNILATERAL_MAGNITUDE = 27, /**< default 1, in [0,10]. */
    OT_PARAM_FAILED_ESCALATION_MAGNITUDE = 28, /**< default 0.5, in [0,10]. */
    OT_PARAM_KEEP_EVENTS = 29,          /**< 1 (default): keep events for export; 0: drop them. */
    /* Model version 2 (1.1); ot_param_info() gives each one's range. */
    OT_PARAM_SCAR_RATE = 30,            /**< mu, default 0.5, in [0,1); model 1: 0. */
    OT_PARAM_SCAR_HALF_LIFE = 31,       /**< H_s in days, default 365; <= 0 or infinite: no healing. */
    OT_PARAM_DECEPTION_SCAR = 32,       /**< mu_d, default 0.25, in [0,1); model 1: 0. */
    OT_PARAM_DECEPTION_HALF_LIFE = 33,  /**< in days, default infinite (never heals). */
    OT_PARAM_APOLOGY_TASK = 34,         /**< default 0.5, in [0,1]. */
    OT_PARAM_APOLOGY_RELATIONAL = 35,   /**< default 0.1, in [0,1]. */
    OT_PARAM_DENIAL_TASK = 36,          /**< default 0.1, in [0,1]. */
    OT_PARAM_DENIAL_RELATIONAL = 37,    /**< default 0.4, in [0,1]. */
    OT_PARAM_PROMISE_BOOST = 38,        /**< pi, default 1, in [0,10]. */
    OT_PARAM_PROMISE_WINDOW = 39,       /**< W_p in days, default 30, > 0. */
    OT_PARAM_INNOCENT_DENIED = 40,      /**< default 0.8, in [0,1]. */
    OT_PARAM_INNOCENT_APOLOGISED = 41,  /**< default 0.3, in [0,1]. */
    OT_PARAM_INNOCENT_RETICENT = 42,    /**< default 0.6, in [0,1]. */
    OT_PARAM_TRUST_TRANSFER = 43,       /**< tau, default 0.5, in [0,1]; model 1: 0. */
    OT_PARAM_INSTITUTIONAL_HALF_LIFE = 44 /**< H_inst in days, default 730; <= 0: no memory. */
} ot_param;

/** Things ot_model_count() counts (fixed values). */
typedef enum ot_count_what {
    OT_ORGS = 1,        /**< organisations */
    OT_ACTORS = 2,      /**< actors */
    OT_TIES = 3,        /**< ties */
    OT_DISRUPTIONS = 4, /**< disruptions, whatever their status */
    OT_EVENTS = 5,      /**< accepted mutating calls kept in the event log (0 when events are not kept);
                             for a store-bound model, the entries of the store's journal, all of them
                             (also those before the latest checkpoint) */
    /* The same values named with the enum's prefix (1.1); the names above stay. */
    OT_COUNT_ORGS = OT_ORGS, /**< same as #OT_ORGS */
    OT_COUNT_ACTORS = OT_ACTORS, /**< same as #OT_ACTORS */
    OT_COUNT_TIES = OT_TIES, /**< same as #OT_TIES */
    OT_COUNT_DISRUPTIONS = OT_DISRUPTIONS, /**< same as #OT_DISRUPTIONS */
    OT_COUNT_EVENTS = OT_EVENTS /**< same as #OT_EVENTS */
} ot_count_what;

/** Tie attributes (fixed values). */
typedef enum ot_tie_attr {
    OT_TIE_INTENSITY = 1,   /**< w: weight in every aggregate, in [1e-6, 1e6], default 1. */
    OT_TIE_AFFECT = 2,      /**< a: the personal click, in [0,1], default 0. */
    OT_TIE_UNCERTAINTY = 3  /**< U: task uncertainty, in [0,1], default 0.5. */
} ot_tie_attr;

/** Tie classes (fixed values); derived from the two actors. */
typedef enum ot_class {
    OT_INTERNAL = 1,   /**< organisations overlap, same layer */
    OT_VERTICAL = 2,   /**< organisations overlap, different layers */
    OT_HORIZONTAL = 3, /**< external, same layer */
    OT_DIAGONAL = 4,   /**< external, different layers: an escalation hazard */
    /* The same values named with the enum's prefix (1.1); the names above stay. */
    OT_CLASS_INTERNAL = OT_INTERNAL, /**< same as #OT_INTERNAL */
    OT_CLASS_VERTICAL = OT_VERTICAL, /**< same as #OT_VERTICAL */
    OT_CLASS_HORIZONTAL = OT_HORIZONTAL, /**< same as #OT_HORIZONTAL */
    OT_CLASS_DIAGONAL = OT_DIAGONAL /**< same as #OT_DIAGONAL */
} ot_class;

/** Observation kinds (fixed values). */
typedef enum ot_kind {
    OT_AGREEMENT_KEPT = 1,   /**< integrity +, weight 1 */
    OT_AGREEMENT_BROKEN = 2, /**< integrity -, weight 1 */
    OT_DELIVERED = 3,        /**< ability +, weight 1 */
    OT_FAILED_DELIVERY = 4,  /**< ability -, weight 1 */
    OT_WENT_BEYOND = 5,      /**< benevolence +, weight 2 */
    OT_LET_DOWN = 6,         /**< benevolence -, weight 2 */
    OT_DISCLOSED = 7,        /**< integrity +, weight 0.5 */
    OT_CONCEALED = 8,        /**< integrity -, weight 1 */
    /* The same values named with the enum's prefix (1.1); the names above stay. */
    OT_KIND_AGREEMENT_KEPT = OT_AGREEMENT_KEPT, /**< same as #OT_AGREEMENT_KEPT */
    OT_KIND_AGREEMENT_BROKEN = OT_AGREEMENT_BROKEN, /**< same as #OT_AGREEMENT_BROKEN */
    OT_KIND_DELIVERED = OT_DELIVERED, /**< same as #OT_DELIVERED */
    OT_KIND_FAILED_DELIVERY = OT_FAILED_DELIVERY, /**< same as #OT_FAILED_DELIVERY */
    OT_KIND_WENT_BEYOND = OT_WENT_BEYOND, /**< same as #OT_WENT_BEYOND */
    OT_KIND_LET_DOWN = OT_LET_DOWN, /**< same as #OT_LET_DOWN */
    OT_KIND_DISCLOSED = OT_DISCLOSED, /**< same as #OT_DISCLOSED */
    OT_KIND_CONCEALED = OT_CONCEALED /**< same as #OT_CONCEALED */
} ot_kind;

/** Dimensions of perceived trustworthiness (fixed values). */
typedef enum ot_dimension {
    OT_ABILITY = 1,     /**< delivers competent work */
    OT_BENEVOLENCE = 2, /**< cares beyond what was agreed */
    OT_INTEGRITY = 3,   /**< keeps agreements, is consistent and open */
    /* The same values named with the enum's prefix (1.1); the names above stay. */
    OT_DIMENSION_ABILITY = OT_ABILITY, /**< same as #OT_ABILITY */
    OT_DIMENSION_BENEVOLENCE = OT_BENEVOLENCE, /**< same as #OT_BENEVOLENCE */
    OT_DIMENSION_INTEGRITY = OT_INTEGRITY /**< same as #OT_INTEGRITY */
} ot_dimension;

/** Which factor limits effective trust (fixed values). */
typedef enum ot_limit {
    OT_LIMIT_PERSON = 1,     /**< trust in the person */
    OT_LIMIT_REPUTATION = 2, /**< what the truster's colleagues think of the other organisation */
    OT_LIMIT_BACKING = 3     /**< how the other organisation's leadership stands */
} ot_limit;

/** Cooperation basis of a tie (fixed values, ordered weakest first). */
typedef enum ot_basis {
    OT_BASIS_AT_RISK = 1,     /**< neither enough trust nor steerable reliability */
    OT_BASIS_RELIABILITY = 2, /**< steer on kept agreements */
    OT_BASIS_TRUST = 3        /**< trust meets what the task's uncertainty asks */
} ot_basis;

/** Disruption kinds (fixed values). */
typedef enum ot_disruption_kind {
    OT_TASK = 1,       /**< disagreement on the joint task: ability evidence */
    OT_RELATIONAL = 2, /**< about the person or behaviour: integrity evidence */
    /* The same values named with the enum's prefix (1.1); the names above stay. */
    OT_DISRUPTION_TASK = OT_TASK, /**< same as #OT_TASK */
    OT_DISRUPTION_RELATIONAL = OT_RELATIONAL /**< same as #OT_RELATIONAL */
} ot_disruption_kind;

/** Disruption status (fixed values). */
typedef enum ot_disruption_state {
    OT_OPEN = 1,                  /**< not handled yet (also after a failed escalation) */
    OT_RESOLVED_LOCALLY = 2,      /**< repaired at its own layer */
    OT_RESOLVED_BY_ESCALATION = 3, /**< repaired by the counterparts a layer up */
    OT_WITHDRAWN = 4,              /**< (1.1) its tie ended while it was open: nobody is left to handle it */
    /* The same values named with the enum's prefix (1.1); the names above stay. */
    OT_DISRUPTION_OPEN = OT_OPEN, /**< same as #OT_OPEN */
    OT_DISRUPTION_RESOLVED_LOCALLY = OT_RESOLVED_LOCALLY, /**< same as #OT_RESOLVED_LOCALLY */
    OT_DISRUPTION_RESOLVED_BY_ESCALATION = OT_RESOLVED_BY_ESCALATION, /**< same as #OT_RESOLVED_BY_ESCALATION */
    OT_DISRUPTION_WITHDRAWN = OT_WITHDRAWN /**< same as #OT_WITHDRAWN */
} ot_disruption_state;

/** Escalation modes (fixed values). */
typedef enum ot_escalation_mode {
    OT_JOINT = 1,     /**< agreed by both parties: no extra cost */
    OT_UNILATERAL = 2, /**< one party goes over the other's head */
    /* The same values named with the enum's prefix (1.1); the names above stay. */
    OT_ESCALATE_JOINT = OT_JOINT, /**< same as #OT_JOINT */
    OT_ESCALATE_UNILATERAL = OT_UNILATERAL /**< same as #OT_UNILATERAL */
} ot_escalation_mode;

/** Status of one escalation step (fixed values). */
typedef enum ot_step_status {
    OT_STEP_OK = 1,          /**< a healthy counterpart relationship */
    OT_STEP_NO_SUPERIOR = 2, /**< one side has nobody at this layer; ends the path */
    OT_STEP_COMPROMISED = 3, /**< a candidate is part of the disrupted relationship */
    OT_STEP_NO_TIE = 4,      /**< the candidates have no tie */
    OT_STEP_UNHEALTHY = 5    /**< the candidates' mutual trust is below the threshold */
} ot_step_status;

/** Why a step is compromised (fixed values). */
typedef enum ot_step_reason {
    OT_REASON_NONE = 0,    /**< not compromised */
    OT_REASON_PARTY = 1,   /**< a candidate is one of the two parties */
    OT_REASON_DIAGONAL = 2 /**< a candidate works directly with the other side at or below the disruption's layer */
} ot_step_reason;

/** Store open flags (fixed values, may be or-ed). */
typedef enum ot_store_flags {
    OT_STORE_CREATE = 1,  /**< create the store if the file does not exist */
    OT_STORE_READONLY = 2 /**< open for reading; mutating calls give OT_ESTATE */
} ot_store_flags;

/**
 * One observation for ot_observe_batch(). Frozen: this struct never grows.
 */
typedef struct ot_observation {
    ot_id truster;      /**< the actor who observes */
    ot_id trustee;      /**< the actor observed; the two must share a tie */
    int32_t kind;       /**< an ::ot_kind */
    uint32_t reserved;  /**< must be 0 */
    double magnitude;   /**< in (0, 10]; 0 means 1 */
    double t;           /**< time in days, not earlier than the previous event */
} ot_observation;

/**
 * One step of an escalation path. Frozen: this struct never grows.
 */
typedef struct ot_escalation_step {
    uint32_t layer; /**< the layer this step escalates to */
    ot_id x;        /**< candidate on the observer's (first end's) side, or #OT_NONE */
    ot_id y;        /**< candidate on the other side, or #OT_NONE */
    int32_t status; /**< an ::ot_step_status */
    int32_t reason; /**< an ::ot_step_reason (#OT_REASON_NONE unless COMPROMISED) */
} ot_escalation_step;

/* ------------------------------------------------------------------ */
/** @name Version and errors
 *  @{ */

/**
 * The library's version as text, e.g. "1.1.0".
 * docs/model.md: none (library mechanics, not part of the model).
 * Cost: O(1).
 * @return a static string; never NULL.
 */
OT_API const char *ot_version(void);

/**
 * The library's version as MAJOR*10000 + MINOR*100 + PATCH.
 * docs/model.md: none (library mechanics, not part of the model).
 * Cost: O(1).
 * @return the number; equal to #OT_VERSION_NUMBER of the header the library
 *         was built with.
 */
OT_API int ot_version_number(void);

/**
 * A fixed, short description of a status code.
 * docs/model.md: none (library mechanics, not part of the model).
 * Cost: O(1).
 * @param status an ::ot_status value (unknown values give "unknown status").
 * @return a static string; never NULL.
 */
OT_API const char *ot_strerror(int status);

/**
 * Detail of the last failing call on this thread: the function, the
 * argument, the value or id, and why.
 * docs/model.md: none (library mechanics, not part of the model).
 * Cost: O(1).
 * @return a thread-local string, valid until the next failing call on this
 *         thread; "" if no call has failed on this thread.
 */
OT_API const char *ot_last_error(void);

/**
 * Release a buffer the library returned (the @c *_json, @c *_dot and
 * @c *_export functions).
 *
 * The buffer is released with the free function of the allocator hook that
 * was in force when the library made it, even if ot_set_allocator() changed
 * the hook since: a buffer may outlive its model, and the hook may change
 * once no configuration and no model exist. Pass only pointers the library
 * returned, once each.
 * Cost: O(1).
 * docs/model.md: none (library mechanics, not part of the model).
 * @param p the buffer, or NULL (then nothing happens).
 */
OT_API void ot_free(void *p);

/** @} */

/* ------------------------------------------------------------------ */
/** @name Memory
 *  @{ */

/**
 * Route every allocation of the library through the given functions.
 *
 * All three NULL restores the C library's malloc, realloc and free. The
 * functions must behave like their C counterparts (realloc(NULL, n) allocates;
 * a failed realloc leaves the block alone).
 *
 * docs/model.md: none (library mechanics, not part of the model).
 * @param malloc_fn  allocates, or NULL.
 * @param realloc_fn reallocates, or NULL.
 * @param free_fn    frees, or NULL.
 * @retval OT_OK     the hook is set.
 * @retval OT_EINVAL some but not all of the three are NULL.
 * @retval OT_ESTATE a configuration or model exists (the hook may only change
 *                   while no configuration and no model is alive).
 *
 * Buffers the library returned (reports, exports, pictures) do not hold the
 * hook back: each remembers the free function that goes with the allocator
 * that made it, and ot_free() uses that one.
 * Cost: O(1).
 */
OT_API int ot_set_allocator(void *(*malloc_fn)(size_t),
                            void *(*realloc_fn)(void *, size_t),
                            void (*free_fn)(void *));

/** @} */

/* ------------------------------------------------------------------ */
/** @name Configuration
 *  @{ */

/**
 * Create a configuration holding the defaults of docs/model.md.
 * docs/model.md section 9 (parameters).
 * Cost: O(1): one allocation.
 * @param[out] out the new configuration, owned by the caller; release it
 *                 with ot_config_free().
 * @retval OT_OK, OT_EINVAL (out is NULL), OT_ENOMEM.
 */
OT_API int ot_config_new(ot_config **out);

/**
 * Release a configuration.
 * docs/model.md section 9 (parameters).
 * Cost: O(1).
 * @param c the configuration, or NULL (then nothing happens).
 */
OT_API void ot_config_free(ot_config *c);

/**
 * Set one parameter.
 *
 * Each value is range-checked here; the three dimension weights are checked
 * together (sum 1) by ot_model_new(), since they are set one at a time.
 * docs/model.md section 9 (parameters).
 * Cost: O(1).
 * @param c     the configuration.
 * @param param an ::ot_param.
 * @param v     the value; NaN is never accepted.
 * @retval OT_OK, OT_EINVAL (NULL c, unknown param, value out of range; the
 *         configuration is unchanged).
 */
OT_API int ot_config_set(ot_config *c, int param, double v);

/**
 * Read one parameter.
 * docs/model.md section 9 (parameters).
 * Cost: O(1).
 * @param c      the configuration.
 * @param param  an ::ot_param.
 * @param[out] v the value.
 * @retval OT_OK, OT_EINVAL (NULL argument, unknown param).
 */
OT_API int ot_config_get(const ot_config *c, int param, double *v);

/**
 * Set the number of layers and their names.
 *
 * With @p names NULL (or a NULL entry) a layer gets its default name:
 * "operational", "managerial", "administrative" for layers 0-2 and
 * "layer3" ... "layer7" above.
 * docs/model.md section 1 (structure).
 * Cost: O(total length of the names) (at most 8 names).
 * @param c     the configuration.
 * @param n     the number of layers, 1 to 8.
 * @param names n names (copied; non-empty, valid UTF-8, at most 255 bytes,
 *              distinct), or NULL.
 * @retval OT_OK, OT_EINVAL (n out of range, bad or duplicate name),
 *         OT_ENOMEM. On failure the configuration is unchanged.
 */
OT_API int ot_config_set_layers(ot_config *c, unsigned n,
                                const char *const *names);

/** @} */

/* ------------------------------------------------------------------ */
/** @name Model and structure
 *  @{ */

/**
 * Create an empty model.
 * docs/model.md section 9 (parameters); also section 1 (structure).
 * Cost: O(L): the configuration is copied.
 * @param c        the configuration (copied), or NULL for the defaults.
 * @param[out] out the new model, owned by the caller; release it with
 *                 ot_model_free().
 * @retval OT_OK, OT_EINVAL (out NULL; weights not summing to 1, with the
 *         fields named), OT_ENOMEM.
 */
OT_API int ot_model_new(const ot_config *c, ot_model **out);

/**
 * Release a model and everything it owns (names, returned strings). A model
 * bound to a store is closed; its store stays on disk.
 * docs/model.md: none (library mechanics, not part of the model).
 * Cost: O(size of the model): every block it owns is freed once.
 * @param m the model, or NULL (then nothing happens).
 */
OT_API void ot_model_free(ot_model *m);

/**
 * Read a parameter of the model's configuration.
 * docs/model.md section 9 (parameters).
 * Cost: O(1).
 * @param m the model.
 * @param param an ::ot_param.
 * @param[out] v the value.
 * @retval OT_OK, OT_EINVAL (NULL argument, unknown param).
 */
OT_API int ot_model_param(const ot_model *m, int param, double *v);

/**
 * The number of layers.
 * docs/model.md section 1 (structure).
 * Cost: O(1).
 * @param m the model.
 * @param[out] n the number, 1 to 8.
 * @retval OT_OK, OT_EINVAL (NULL argument).
 */
OT_API int ot_model_layers(const ot_model *m, unsigned *n);

/**
 * The name of a layer.
 * docs/model.md section 1 (structure).
 * Cost: O(1).
 * @param m the model.
 * @param layer the layer, from 0.
 * @return the name, owned by the model; NULL if @p m is NULL or the layer
 *         does not exist.
 */
OT_API const char *ot_layer_name(const ot_model *m, unsigned layer);

/**
 * Count organisations, actors, ties, disruptions or kept events.
 * docs/model.md section 1 (structure).
 * Cost: O(1).
 * @param m the model.
 * @param what an ::ot_count_what.
 * @param[out] n the count.
 * @retval OT_OK, OT_EINVAL (NULL argument, unknown what).
 */
OT_API int ot_model_count(const ot_model *m, int what, size_t *n);

/**
 * The model's current time: the @c t of the last accepted event.
 * docs/model.md section 0 (principles).
 * Cost: O(1).
 * @param m the model.
 * @param[out] t the time in days; -INFINITY while no event has been accepted.
 * @retval OT_OK, OT_EINVAL (NULL argument).
 */
OT_API int ot_model_time(const ot_model *m, double *t);

/**
 * A 64-bit digest of the model's whole state (configuration, structure,
 * trust state, evidence, disruptions, time; not the kept event log).
 *
 * Two models have the same digest when their states are bit-identical; use
 * it to check reproducibility (the same calls give the same digest on every
 * run and platform with IEEE-754 doubles).
 * docs/model.md section 0 (principles).
 * Cost: O(size of the state): every organisation, actor, tie, pair record
 * and disruption is hashed once; no allocation.
 * @param m the model.
 * @param[out] out the digest.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOMEM.
 */
OT_API int ot_model_digest(const ot_model *m, uint64_t *out);

/**
 * Recompute every aggregate (reputation, backing, layer trust, standing,
 * per-actor contributions) from the ties and compare with the ones the model
 * maintains incrementally; check every score is in [0,1] and every
 * reference valid.
 * docs/model.md section 4 (organisations as a person sees them); also
 * section 3 (how layers influence each other).
 * Cost: O(size of the model + sum over ties of pairs(e)): every aggregate is
 * recomputed into fresh sums (one allocation of their size).
 * @param m the model.
 * @retval OT_OK all consistent.
 * @retval OT_EINVAL m is NULL.
 * @retval OT_ESTATE an inconsistency; ot_last_error() names it.
 * @retval OT_ENOMEM.
 */
OT_API int ot_model_check(const ot_model *m);

/**
 * Add an organisation.
 * docs/model.md section 1 (structure).
 * Cost: O(length of the name), amortised (plus, on a store-bound model, one
 * journal write: see Persistence).
 * @param m      the model.
 * @param name   its name (copied; valid UTF-8, at most 4096 bytes).
 * @param parent the organisation it belongs to, or #OT_NONE.
 * @param[out] out its id, or NULL.
 * @retval OT_OK, OT_EINVAL (NULL m or name, bad name), OT_ENOTFOUND (unknown
 *         parent), OT_ELIMIT (name too long, too many organisations),
 *         OT_ENOMEM, OT_ESTATE (read-only store), OT_EIO (store write failed).
 */
OT_API int ot_org_add(ot_model *m, const char *name, ot_id parent, ot_id *out);

/**
 * Add an actor.
 * docs/model.md section 1 (structure).
 * Cost: O(length of the name + depth), amortised (plus, on a store-bound
 * model, one journal write: see Persistence).
 * @param m        the model.
 * @param org      the organisation the actor works in.
 * @param layer    the actor's layer, below ot_model_layers().
 * @param superior the actor's superior or #OT_NONE: in @p org or one of its
 *                 ancestors, on a strictly higher layer.
 * @param name     its name (copied; valid UTF-8, at most 4096 bytes).
 * @param[out] out its id, or NULL.
 * @retval OT_OK, OT_EINVAL (NULL m or name, bad layer, superior not allowed),
 *         OT_ENOTFOUND (unknown org or superior), OT_ELIMIT, OT_ENOMEM,
 *         OT_ESTATE (read-only store), OT_EIO.
 */
OT_API int ot_actor_add(ot_model *m, ot_id org, unsigned layer,
                        ot_id superior, const char *name, ot_id *out);

/**
 * Change an actor's superior (a reorganisation).
 * docs/model.md section 1 (structure); also section 6 (the escalation path).
 * Cost: O(depth) (plus, on a store-bound model, one journal write: see
 * Persistence).
 * @param m the model.
 * @param actor the actor.
 * @param superior the new superior (same rules as ot_actor_add()) or #OT_NONE.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND, OT_ENOMEM, OT_ESTATE, OT_EIO.
 */
OT_API int ot_actor_set_superior(ot_model *m, ot_id actor, ot_id superior);

/**
 * Change an actor's propensity to trust. It is the starting trust of the
 * actor's directions in ties created later (blended with its side's view
 * for external ties: see ot_tie_add()); existing trust is untouched.
 * docs/model.md section 1 (structure); also section 2 (directed trust).
 * Cost: O(1) (plus, on a store-bound model, one journal write: see
 * Persistence).
 * @param m the model.
 * @param actor the actor.
 * @param p in [0,1].
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND, OT_ENOMEM, OT_ESTATE, OT_EIO.
 */
OT_API int ot_actor_set_propensity(ot_model *m, ot_id actor, double p);

/**
 * Add a tie between two distinct actors, with no evidence; intensity 1,
 * affect 0, uncertainty 0.5. A direction of an internal tie starts with
 * trust equal to its truster's propensity p_i; of an external tie, with
 * (1 - tau) p_i + tau rep(A \ i -> B), tau = #OT_PARAM_TRUST_TRANSFER (0
 * in model 1: the propensity), the reputation of the tie's top pair now,
 * institutional memory included (trust transfer). A tie that restarts the
 * ended tie of the same two actors gets a new id and starts from the ended
 * tie's state instead (docs/model.md section 13).
 * docs/model.md section 1 (structure); also section 4 (organisations as a
 * person sees them), section 13 (people come and go).
 * Cost: O(pairs(e) + depth), amortised (new pair records and index
 * entries) (plus, on a store-bound model, one journal write: see
 * Persistence).
 * @param m the model.
 * @param a one actor.
 * @param b the other actor.
 * @param[out] out its id, or NULL.
 * @retval OT_OK, OT_EINVAL (a == b), OT_ENOTFOUND (unknown actor),
 *         OT_EEXIST (the pair has a tie), OT_ELIMIT, OT_ENOMEM, OT_ESTATE,
 *         OT_EIO.
 */
OT_API int ot_tie_add(ot_model *m, ot_id a, ot_id b, ot_id *out);

/**
 * Find the tie between two actors, in either order.
 * docs/model.md section 1 (structure).
 * Cost: O(1) expected (one hash lookup).
 * @param m the model.
 * @param a an actor.
 * @param b an actor.
 * @param[out] out the tie.
 * @retval OT_OK, OT_EINVAL (NULL argument, a == b), OT_ENOTFOUND (unknown
 *         actor or no tie).
 */
OT_API int ot_tie_find(const ot_model *m, ot_id a, ot_id b, ot_id *out);

/**
 * Set a tie attribute.
 * docs/model.md section 1 (structure); also section 4 (organisations as a
 * person sees them).
 * Cost: intensity O(pairs(e) + L) (the tie's share of every aggregate it
 * feeds is redone); affect and uncertainty O(1) expected, amortised (plus,
 * on a store-bound model, one journal write: see Persistence).
 * @param m the model.
 * @param tie the tie.
 * @param attr an ::ot_tie_attr.
 * @param v the value (see ::ot_tie_attr for ranges).
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND, OT_ENOMEM, OT_ESTATE, OT_EIO.
 */
OT_API int ot_tie_set(ot_model *m, ot_id tie, int attr, double v);

/**
 * Read a tie attribute.
 * docs/model.md section 1 (structure).
 * Cost: O(1) expected.
 * @param m the model.
 * @param tie the tie.
 * @param attr an ::ot_tie_attr.
 * @param[out] v the value.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND.
 */
OT_API int ot_tie_get(const ot_model *m, ot_id tie, int attr, double *v);

/**
 * The two actors of a tie, in the order they were given to ot_tie_add().
 * docs/model.md section 1 (structure).
 * Cost: O(1).
 * @param m the model.
 * @param tie the tie.
 * @param[out] a the first actor.
 * @param[out] b the second actor.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_tie_ends(const ot_model *m, ot_id tie, ot_id *a, ot_id *b);

/**
 * The class of a tie (derived from its actors).
 * docs/model.md section 1 (structure).
 * Cost: O(1).
 * @param m the model.
 * @param tie the tie.
 * @param[out] cls an ::ot_class.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_tie_class(const ot_model *m, ot_id tie, int *cls);

/**
 * An organisation's name.
 * docs/model.md section 1 (structure).
 * Cost: O(1).
 * @param m the model.
 * @param org the organisation.
 * @return the name, owned by the model; NULL if m is NULL or org unknown.
 */
OT_API const char *ot_org_name(const ot_model *m, ot_id org);

/**
 * An organisation's parent.
 * docs/model.md section 1 (structure).
 * Cost: O(1).
 * @param m the model.
 * @param org the organisation.
 * @param[out] parent the parent, or #OT_NONE.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_org_parent(const ot_model *m, ot_id org, ot_id *parent);

/**
 * An actor's name.
 * docs/model.md section 1 (structure).
 * Cost: O(1).
 * @param m the model.
 * @param actor the actor.
 * @return the name, owned by the model; NULL if m is NULL or actor unknown.
 */
OT_API const char *ot_actor_name(const ot_model *m, ot_id actor);

/**
 * An actor's organisation.
 * docs/model.md section 1 (structure).
 * Cost: O(1).
 * @param m the model.
 * @param actor the actor.
 * @param[out] org the organisation.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_actor_org(const ot_model *m, ot_id actor, ot_id *org);

/**
 * An actor's layer.
 * docs/model.md section 1 (structure).
 * Cost: O(1).
 * @param m the model.
 * @param actor the actor.
 * @param[out] layer the layer.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_actor_layer(const ot_model *m, ot_id actor, unsigned *layer);

/**
 * An actor's superior.
 * docs/model.md section 1 (structure).
 * Cost: O(1).
 * @param m the model.
 * @param actor the actor.
 * @param[out] sup the superior, or #OT_NONE.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_actor_superior(const ot_model *m, ot_id actor, ot_id *sup);

/**
 * An actor's current propensity to trust.
 * docs/model.md section 1 (structure); also section 2 (directed trust).
 * Cost: O(1).
 * @param m the model.
 * @param actor the actor.
 * @param[out] p the propensity.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_actor_propensity(const ot_model *m, ot_id actor, double *p);

/** @} */

/* ------------------------------------------------------------------ */
/** @name Events
 *  Every event carries a time @c t in days: finite, and not earlier than the
 *  model's current time (else OT_ETIME). An accepted event advances the
 *  model's time to @c t.
 *  @{ */

/**
 * Record that @p truster observed @p trustee behave in a way of @p kind.
 * docs/model.md section 2 (directed trust); also section 3 (how layers
 * influence each other), section 4 (organisations as a person sees them).
 * Cost: O(1) expected for an internal tie; O(pairs(e)) for an external one,
 * plus O(L) when the tie's layer is 1 or higher (the climate of its top pair
 * is refreshed); no allocation (plus, on a store-bound model, one journal
 * write: see Persistence).
 * @param m         the model.
 * @param truster   the observer.
 * @param trustee   the observed; the two must share a tie.
 * @param kind      an ::ot_kind.
 * @param magnitude in (0, 10]; 0 means 1.
 * @param t         the time.
 * @retval OT_OK, OT_EINVAL (bad kind, magnitude or t; truster == trustee),
 *         OT_ENOTFOUND (unknown actor, no tie), OT_ETIME, OT_ENOMEM,
 *         OT_ESTATE (read-only store), OT_EIO.
 */
OT_API int ot_observe(ot_model *m, ot_id truster, ot_id trustee, int kind,
                      double magnitude, double t);

/**
 * Record many observations at once: exactly as ot_observe() one by one, in
 * order, but validated as a whole first, and one store transaction.
 * docs/model.md section 2 (directed trust); also section 0 (principles).
 * Cost: O(n) validation, then as ot_observe() per entry; memory O(n) for the
 * resolved ties (kept between calls); on a store-bound model one journal
 * transaction for the whole batch.
 * @param m   the model.
 * @param obs @p n observations (read only).
 * @param n   how many; 0 is fine.
 * @param[out] applied on success @p n; on a validation failure the index of
 *             the first bad observation (nothing was applied). May be NULL.
 * @retval OT_OK, or the status ot_observe() would give the first bad one
 *         (OT_EINVAL also for a non-zero @c reserved), OT_ENOMEM, OT_ESTATE,
 *         OT_EIO.
 */
OT_API int ot_observe_batch(ot_model *m, const ot_observation *obs, size_t n,
                            size_t *applied);

/**
 * Open a disruption: @p observer experiences a disruption with @p other,
 * recorded as negative evidence of magnitude DISRUPTION_WEIGHT * severity.
 * docs/model.md section 5 (disruptions).
 * Cost: as one ot_observe() on the tie: O(pairs(e) + L), amortised (one
 * disruption record) (plus, on a store-bound model, one journal write: see
 * Persistence).
 * @param m the model.
 * @param observer the actor who experiences it.
 * @param other the other end of the tie.
 * @param kind ::OT_TASK or ::OT_RELATIONAL.
 * @param severity in (0, 1].
 * @param separated non-zero: "yes to the person, no to the behaviour" (for
 *        TASK disruptions the trust loss is scaled by 1 - sigma).
 * @param t the time.
 * @param[out] out the disruption's id, or NULL.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND, OT_ETIME, OT_ELIMIT, OT_ENOMEM,
 *         OT_ESTATE, OT_EIO.
 */
OT_API int ot_disrupt(ot_model *m, ot_id observer, ot_id other, int kind,
                      double severity, int separated, double t, ot_id *out);

/**
 * Repair an open disruption at its own layer.
 * docs/model.md section 5 (disruptions).
 * Cost: as one ot_observe() on the disruption's tie: O(pairs(e) + L) (plus,
 * on a store-bound model, one journal write: see Persistence).
 * @param m the model.
 * @param disruption the disruption.
 * @param t the time.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND, OT_ETIME, OT_ESTATE (not open, or
 *         read-only store), OT_ENOMEM, OT_EIO.
 */
OT_API int ot_repair(ot_model *m, ot_id disruption, double t);

/**
 * Escalate an open disruption along its escalation path (see
 * ot_escalation_path()) to the first healthy counterpart relationship.
 * docs/model.md section 5 (disruptions); also section 6 (the escalation
 * path).
 * Cost: O(L) expected for the path (a few hash lookups per layer), plus up
 * to three evidence updates on the tie, each O(pairs(e) + L) (plus, on a
 * store-bound model, one journal write: see Persistence).
 * @param m the model.
 * @param disruption the disruption (on an external tie).
 * @param mode ::OT_JOINT or ::OT_UNILATERAL.
 * @param t the time.
 * @param[out] resolved 1 if an OK step resolved it, else 0; may be NULL.
 * @param[out] layer the layer of the step taken; written only when resolved;
 *             may be NULL.
 * @retval OT_OK (also when no step was OK: the escalation failed, with its
 *         costs), OT_EINVAL (bad mode, internal tie), OT_ENOTFOUND, OT_ETIME,
 *         OT_ESTATE (not open, or read-only store), OT_ENOMEM, OT_EIO.
 */
OT_API int ot_escalate(ot_model *m, ot_id disruption, int mode, double t,
                       int *resolved, unsigned *layer);

/**
 * A regular consultation without a concrete cause between the two ends of a
 * tie. Liaisons that prepared it surface every open disruption between the
 * tie's two organisations.
 * docs/model.md section 8 (consultation and general rules).
 * Cost: O(pairs(e) + L) expected; with a liaison also O(disruptions in the
 * model), each open one being checked for the pair (plus, on a store-bound
 * model, one journal write: see Persistence).
 * @param m the model.
 * @param x one end.
 * @param y the other end.
 * @param liaison_x a liaison (a member of one of the tie's two
 *        organisations), or #OT_NONE.
 * @param liaison_y likewise, or #OT_NONE.
 * @param t the time.
 * @retval OT_OK, OT_EINVAL (liaison outside the pair), OT_ENOTFOUND (unknown
 *         actor, no tie), OT_ETIME, OT_ENOMEM, OT_ESTATE, OT_EIO.
 */
OT_API int ot_consult(ot_model *m, ot_id x, ot_id y, ot_id liaison_x,
                      ot_id liaison_y, double t);

/**
 * Answer an incident with a general rule in @p org: every member with a tie
 * to their own superior loses benevolence evidence about that superior.
 * docs/model.md section 8 (consultation and general rules).
 * Cost: O(actors in the model * depth) to find those under the rule, plus
 * one evidence update on each one's tie to its superior, each O(pairs(e) +
 * L) (plus, on a store-bound model, one journal write: see Persistence).
 * @param m the model.
 * @param org the organisation.
 * @param t the time.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND, OT_ETIME, OT_ENOMEM, OT_ESTATE,
 *         OT_EIO.
 */
OT_API int ot_impose_general_rule(ot_model *m, ot_id org, double t);

/**
 * A disruption's status.
 * docs/model.md section 5 (disruptions).
 * Cost: O(1).
 * @param m the model.
 * @param d the disruption.
 * @param[out] status an ::ot_disruption_state.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_disruption_status(const ot_model *m, ot_id d, int *status);

/**
 * The tie a disruption is on.
 * docs/model.md section 5 (disruptions).
 * Cost: O(1).
 * @param m the model.
 * @param d the disruption.
 * @param[out] tie the tie.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_disruption_tie(const ot_model *m, ot_id d, ot_id *tie);

/**
 * Whether a disruption has surfaced (by a liaison or an escalation) and when.
 * docs/model.md section 5 (disruptions); also section 8 (consultation and
 * general rules).
 * Cost: O(1).
 * @param m the model.
 * @param d the disruption.
 * @param[out] surfaced 1 or 0.
 * @param[out] t the time it surfaced; written only when surfaced; may be NULL.
 * @retval OT_OK, OT_EINVAL (NULL m or surfaced), OT_ENOTFOUND.
 */
OT_API int ot_disruption_surfaced(const ot_model *m, ot_id d, int *surfaced,
                                  double *t);

/**
 * Whether an escalation of the disruption has failed.
 * docs/model.md section 5 (disruptions).
 * Cost: O(1).
 * @param m the model.
 * @param d the disruption.
 * @param[out] failed 1 or 0.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_disruption_failed_escalation(const ot_model *m, ot_id d,
                                           int *failed);

/**
 * The details of a disruption as it was opened. Every out-pointer may be
 * NULL.
 * docs/model.md section 5 (disruptions).
 * Cost: O(1).
 * @param m the model.
 * @param d the disruption.
 * @param[out] observer the actor who experienced it.
 * @param[out] kind ::OT_TASK or ::OT_RELATIONAL.
 * @param[out] severity its severity.
 * @param[out] t_open when it was opened.
 * @param[out] trust_before the observer's trust just before it.
 * @retval OT_OK, OT_EINVAL (NULL m), OT_ENOTFOUND.
 */
OT_API int ot_disruption_detail(const ot_model *m, ot_id d, ot_id *observer,
                                int *kind, double *severity, double *t_open,
                                double *trust_before);

/** @} */

/* ------------------------------------------------------------------ */
/** @name Queries
 *  All queries need an existing tie between the two actors where they take
 *  two actors (else OT_ENOTFOUND), never change the model, and use the state
 *  as of the model's current time.
 *  @{ */

/**
 * Trust T(truster -> trustee): the truster's willingness to rely on the
 * trustee.
 * docs/model.md section 2 (directed trust).
 * Cost: O(1) expected (one hash lookup).
 * @param m the model.
 * @param truster the actor who trusts.
 * @param trustee the actor trusted.
 * @param[out] out in [0,1].
 * @retval OT_OK, OT_EINVAL (NULL argument, truster == trustee), OT_ENOTFOUND.
 */
OT_API int ot_trust(const ot_model *m, ot_id truster, ot_id trustee,
                    double *out);

/**
 * Perceived trustworthiness TW = sum_d w_d * E_d.
 * docs/model.md section 2 (directed trust); also section 7 (trust and
 * trustworthiness).
 * Cost: O(1) expected.
 * @param m the model.
 * @param truster the actor who trusts.
 * @param trustee the actor trusted.
 * @param[out] out in [0,1].
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND.
 */
OT_API int ot_trustworthiness(const ot_model *m, ot_id truster, ot_id trustee,
                              double *out);

/**
 * The Beta expectation E_d = (r_d + 1) / (r_d + s_d + 2) of one dimension.
 * docs/model.md section 2 (directed trust).
 * Cost: O(1) expected.
 * @param m the model.
 * @param truster the actor who trusts.
 * @param trustee the actor trusted.
 * @param dim an ::ot_dimension.
 * @param[out] out in (0,1).
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND.
 */
OT_API int ot_expectation(const ot_model *m, ot_id truster, ot_id trustee,
                          int dim, double *out);

/**
 * The subjective-logic opinion (belief, disbelief, uncertainty, base rate).
 * b + d + u = 1; the base rate is the truster's current propensity.
 * docs/model.md section 2 (directed trust).
 * Cost: O(1) expected.
 * @param m the model.
 * @param truster the actor who trusts.
 * @param trustee the actor trusted.
 * @param[out] b belief.
 * @param[out] d disbelief.
 * @param[out] u uncertainty.
 * @param[out] a base rate.
 * @retval OT_OK, OT_EINVAL (any NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_opinion(const ot_model *m, ot_id truster, ot_id trustee,
                      double *b, double *d, double *u, double *a);

/**
 * Effective trust: trust in the person and in the organisation.
 * For an external tie min(T, rep(A \ truster -> B), backing(B -> A)); for
 * an internal tie T.
 * docs/model.md section 4 (organisations as a person sees them).
 * Cost: O(1) expected: the aggregates are maintained incrementally.
 * @param m the model.
 * @param truster the actor who trusts.
 * @param trustee the actor trusted.
 * @param[out] out in [0,1].
 * @param[out] limit the ::ot_limit that gives the minimum (PERSON before
 *             REPUTATION before BACKING on ties); may be NULL.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND.
 */
OT_API int ot_effective_trust(const ot_model *m, ot_id truster, ot_id trustee,
                              double *out, int *limit);

/**
 * Reputation rep(A \ excluding -> B): A's collective judgement of B.
 * docs/model.md section 4 (organisations as a person sees them).
 * Cost: O(depth) expected, also when @p excluding is a member of @p org_a
 * and A and B are the two sides of their top pair (the actor's own share
 * is kept); O(ties(excluding) * depth) for a pair of sub-organisations.
 * @param m the model.
 * @param org_a A.
 * @param org_b B (not overlapping A).
 * @param excluding an actor whose ties are left out, or #OT_NONE.
 * @param[out] out in [0,1]; the organisation prior without ties.
 * @retval OT_OK, OT_EINVAL (overlapping organisations, NULL out),
 *         OT_ENOTFOUND (unknown organisation or actor).
 */
OT_API int ot_reputation(const ot_model *m, ot_id org_a, ot_id org_b,
                         ot_id excluding, double *out);

/**
 * Backing(B -> A): how B's leadership (layer >= 1) stands toward A.
 * docs/model.md section 4 (organisations as a person sees them).
 * Cost: O(depth) expected.
 * @param m the model.
 * @param org_b B.
 * @param org_a A (not overlapping B).
 * @param[out] out in [0,1]; the organisation prior without ties.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND.
 */
OT_API int ot_backing(const ot_model *m, ot_id org_b, ot_id org_a,
                      double *out);

/**
 * Layer trust between two organisations: the intensity-weighted mean trust
 * over both directions of their ties at one tie layer.
 * docs/model.md section 3 (how layers influence each other).
 * Cost: O(depth) expected.
 * @param m the model.
 * @param org_a organisation A.
 * @param org_b (not overlapping).
 * @param layer the tie layer.
 * @param[out] out in [0,1].
 * @retval OT_OK, OT_EINVAL (bad layer, overlapping organisations),
 *         OT_ENOTFOUND (unknown organisation, or no tie at that layer).
 */
OT_API int ot_layer_trust(const ot_model *m, ot_id org_a, ot_id org_b,
                          unsigned layer, double *out);

/**
 * The gain damping D a positive observation on the tie between @p a and @p b
 * would get now (climate damping times the open-disruption factor).
 * docs/model.md section 3 (how layers influence each other); also section 5
 * (disruptions).
 * Cost: O(1) expected.
 * @param m the model.
 * @param a one actor of the tie.
 * @param b the tie's actors.
 * @param[out] out in [0,1].
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND.
 */
OT_API int ot_damping(const ot_model *m, ot_id a, ot_id b, double *out);

/**
 * Bridge gap own(actor -> B) - rep(A \ actor -> B), with A the actor's side.
 * docs/model.md section 4 (organisations as a person sees them).
 * Cost: O(ties(actor) * depth).
 * @param m the model.
 * @param actor the actor.
 * @param org_b B (not overlapping the actor's organisation).
 * @param[out] gap in [-1,1].
 * @param[out] on_bridge 1 when gap >= BRIDGE_GAP;
 *             may be NULL.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND.
 */
OT_API int ot_bridge_gap(const ot_model *m, ot_id actor, ot_id org_b,
                         double *gap, int *on_bridge);

/**
 * Standing: how far the actor's own organisation trusts the actor (the
 * weighted mean trust over the actor's internal ties; the prior without).
 * docs/model.md section 4 (organisations as a person sees them).
 * Cost: O(1).
 * @param m the model.
 * @param actor the actor.
 * @param[out] out in [0,1].
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND.
 */
OT_API int ot_standing(const ot_model *m, ot_id actor, double *out);

/**
 * Dark-side flag: the truster keeps trusting against the record.
 * docs/model.md section 7 (trust and trustworthiness); also section 2
 * (directed trust).
 * Cost: O(1) expected.
 * @param m the model.
 * @param truster the actor who trusts.
 * @param trustee the actor trusted.
 * @param[out] flag 1 or 0.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND.
 */
OT_API int ot_dark_side(const ot_model *m, ot_id truster, ot_id trustee,
                        int *flag);

/**
 * The cooperation basis of the tie between @p a and @p b (the weaker of its
 * two directions).
 * docs/model.md section 7 (trust and trustworthiness).
 * Cost: O(1) expected.
 * @param m the model.
 * @param a one actor of the tie.
 * @param b the other actor of the tie.
 * @param[out] basis an ::ot_basis.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND.
 */
OT_API int ot_cooperation_basis(const ot_model *m, ot_id a, ot_id b,
                                int *basis);

/**
 * The escalation path of a tie: one step per layer above the tie's lower
 * actor, x on the side of the tie's first end. The recommended step is the
 * first with status ::OT_STEP_OK.
 * docs/model.md section 6 (the escalation path).
 * Cost: O(L) expected (a few hash lookups per layer); no allocation.
 * @param m the model.
 * @param tie an external tie.
 * @param[out] steps room for @p cap steps; may be NULL when @p cap is 0.
 * @param cap how many steps fit.
 * @param[out] n the number of steps of the whole path (may exceed @p cap:
 *             then only @p cap were written; call again with more room).
 * @retval OT_OK, OT_EINVAL (internal tie, NULL n, NULL steps with cap > 0),
 *         OT_ENOTFOUND.
 */
OT_API int ot_escalation_path(const ot_model *m, ot_id tie,
                              ot_escalation_step *steps, size_t cap,
                              size_t *n);

/**
 * The escalation hazards between two organisations: their diagonal ties.
 * docs/model.md section 6 (the escalation path); also section 1 (structure).
 * Cost: O(D * depth), D the diagonal ties in the model.
 * @param m the model.
 * @param org_a organisation A.
 * @param org_b (not overlapping).
 * @param[out] ties room for @p cap tie ids, in increasing id order; may be
 *             NULL when @p cap is 0.
 * @param cap how many fit.
 * @param[out] n how many there are in all.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND.
 */
OT_API int ot_hazards(const ot_model *m, ot_id org_a, ot_id org_b,
                      ot_id *ties, size_t cap, size_t *n);

/** @} */

/* ------------------------------------------------------------------ */
/** @name Scenarios, export and pictures
 *  JSON scenario files (docs/scenario.md). In a build without jansson these
 *  functions exist and return OT_ENOTSUP.
 *  @{ */

/**
 * Build a new model from a scenario held in memory. All or nothing.
 * docs/scenario.md for the format; the model is that of docs/model.md (all
 * sections).
 * Cost: O(length of the text) to parse, plus the cost of every call the
 * scenario makes (each as documented here); memory O(length of the text)
 * while loading.
 * @param json the text (need not be NUL-terminated).
 * @param len its length.
 * @param[out] out the new model, owned by the caller.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_EFORMAT (malformed; the
 *         message names the place), OT_ELIMIT (a limit against hostile
 *         input), OT_ENOMEM, OT_ENOTSUP, or the status of the failing call
 *         with its place in the message.
 */
OT_API int ot_scenario_load(const char *json, size_t len, ot_model **out);

/**
 * Build a new model from a scenario file.
 * docs/scenario.md; docs/model.md (all sections).
 * Cost: as ot_scenario_load(), plus reading the file.
 * @param path the file.
 * @param[out] out the new model, owned by the caller.
 * @retval as ot_scenario_load(), and OT_EIO when the file cannot be read.
 */
OT_API int ot_scenario_load_file(const char *path, ot_model **out);

/**
 * Write the model as a scenario (configuration, structure and events).
 * docs/scenario.md.
 * Cost: O(kept events + organisations + actors + ties); for a store-bound
 * model the events are read from its journal. The result takes memory in
 * proportion.
 * @param m the model.
 * @param[out] json NUL-terminated text, owned by the caller: ot_free().
 * @param[out] len its length without the NUL; may be NULL.
 * @retval OT_OK, OT_EINVAL, OT_ENOMEM, OT_ENOTSUP (events not kept, or no
 *         jansson).
 */
OT_API int ot_scenario_export(const ot_model *m, char **json, size_t *len);

/**
 * The state report as JSON (see docs/report.md for the keys).
 * docs/report.md; the values are those of docs/model.md sections 2-8.
 * Cost: O(organisations * depth + actors + ties + disruptions * L + P * (P +
 * D)), P the organisation pairs with ties between them, D the diagonal ties.
 * @param m the model.
 * @param[out] json NUL-terminated text, owned by the caller: ot_free().
 * @param[out] len its length without the NUL; may be NULL.
 * @retval OT_OK, OT_EINVAL, OT_ENOMEM, OT_ENOTSUP.
 */
OT_API int ot_report_json(const ot_model *m, char **json, size_t *len);

/**
 * A Graphviz picture of the model (docs/picture.md): a title with the
 * model's day and a legend; one cluster per organisation, layers as ranks;
 * each tie coloured by trust with a label node giving both directions by
 * name; diagonal ties dashed, open disruptions bold with their advice drawn,
 * ended ties and departed actors grey.
 * docs/model.md section 1 (structure); also section 3 (how layers influence
 * each other), section 6 (the escalation path), section 14 (the ladder).
 * Cost: O(organisations^2 + L * (actors + ties) + actors log actors +
 * disruptions + open disruptions * L) time; O(actors + ties + disruptions +
 * organisations) working memory besides the text.
 * @param m the model.
 * @param[out] dot NUL-terminated text, owned by the caller: ot_free().
 * @param[out] len its length without the NUL; may be NULL.
 * @retval OT_OK, OT_EINVAL, OT_ENOMEM.
 */
OT_API int ot_export_dot(const ot_model *m, char **dot, size_t *len);

/** @} */

/* ------------------------------------------------------------------ */
/** @name Persistence
 *  A durable model in an SQLite file (docs/store.md). In a build without
 *  SQLite these functions exist and return OT_ENOTSUP.
 *
 *  A store holds the configuration, a journal of every accepted mutating
 *  call, and a checkpoint (a snapshot of the state after some journal
 *  entry). A model opened from a store is bound to it: outside
 *  ot_store_begin() and ot_store_commit() every accepted mutating call is
 *  durable when it returns (it is written, in its own transaction, before
 *  the model changes); a call whose write fails returns OT_EIO and changes
 *  nothing, or OT_EBUSY when another connection held the store's write lock
 *  for more than 5 s (then the call may simply be tried again). ot_observe_batch() is one transaction. A bound model does not
 *  keep events in memory: exporting reads them from the journal, and
 *  ot_model_count(OT_EVENTS) counts the journal's entries.
 *
 *  The library uses the system's SQLite through its public API only, one
 *  connection per store (SQLITE_OPEN_FULLMUTEX), in WAL mode with
 *  synchronous = FULL, and never calls sqlite3_config(): the host may use
 *  SQLite too. SQLite's own memory does not go through ot_set_allocator().
 *  @{ */

/**
 * Open (or create) a store and return the model it holds, bound to it.
 *
 * Opening restores the latest checkpoint (or starts from the stored
 * configuration) and replays the journal entries after it through the
 * public functions, so every entry is validated again.
 * docs/store.md.
 * Cost: O(size of the checkpoint) to restore it, plus replaying every
 * journal entry after it (each at the cost of its call).
 * @param path the file (SQLite also uses @p path "-wal" and "-shm" beside
 *        it). Not NULL, not empty, not ":memory:".
 * @param c the configuration for a new store (NULL = defaults); for an
 *        existing store NULL or equal to the stored one.
 * @param flags ::ot_store_flags: 0 opens an existing store for writing;
 *        #OT_STORE_CREATE also creates it (an empty file counts as
 *        missing); #OT_STORE_READONLY opens it for reading, also while
 *        another process writes to it (the model shows the store as it was
 *        when opened; mutating calls give OT_ESTATE).
 * @param[out] out the model, owned by the caller; ot_model_free() closes the
 *        store (dropping an unfinished unit).
 * @retval OT_OK
 * @retval OT_EINVAL NULL or bad argument; unknown flags, or CREATE together
 *         with READONLY; @p c differs from the stored configuration (the
 *         message names the parameter).
 * @retval OT_EIO the file cannot be opened (missing without
 *         #OT_STORE_CREATE, permissions) or read.
 * @retval OT_EBUSY another connection held the store locked for more than
 *         5 s (creating a store, or opening one while it is being created).
 * @retval OT_EFORMAT a damaged, truncated or foreign file, an empty file
 *         without #OT_STORE_CREATE, a store of a newer format version, a
 *         damaged checkpoint, or a journal entry that no longer validates
 *         (the message names the entry).
 * @retval OT_ENOMEM, OT_ENOTSUP (built without SQLite).
 */
OT_API int ot_store_open(const char *path, const ot_config *c, int flags,
                         ot_model **out);

/**
 * Group the following mutating calls into one durable unit: they are
 * written in one transaction that ot_store_commit() makes durable at once
 * and ot_store_rollback() drops. Takes a snapshot of the model (memory in
 * proportion to its state) for the rollback.
 * docs/store.md.
 * Cost: O(size of the state): a snapshot is taken for the rollback.
 * @param m a store-bound, writable model outside a unit.
 * @retval OT_OK, OT_EINVAL (m NULL), OT_ESTATE (not bound, read-only,
 *         already in a unit, or another connection wrote to the store),
 *         OT_EBUSY (the store is locked by another writer for more than
 *         5 s), OT_EIO (the store cannot be written), OT_ENOMEM, OT_ENOTSUP.
 */
OT_API int ot_store_begin(ot_model *m);

/**
 * Make the current unit durable. If the commit fails, the unit is rolled
 * back on disk and in memory (the model is as at ot_store_begin()) and
 * OT_EIO is returned.
 * docs/store.md.
 * Cost: O(1), plus the SQLite commit of the unit (fsync).
 * @param m a store-bound model inside a unit.
 * @retval OT_OK, OT_EINVAL, OT_ESTATE (not bound, read-only, not in a
 *         unit), OT_EIO (the unit was rolled back), OT_ENOTSUP.
 */
OT_API int ot_store_commit(ot_model *m);

/**
 * Drop the current unit: on disk and in memory the model is as at
 * ot_store_begin() (bit-identical; ids made in the unit no longer exist).
 * Strings the model returned stay valid until the model is freed.
 * docs/store.md.
 * Cost: O(size of the state): the snapshot of ot_store_begin() is restored.
 * @param m a store-bound model inside a unit.
 * @retval OT_OK, OT_EINVAL, OT_ESTATE (not bound, read-only, not in a
 *         unit), OT_ENOMEM (nothing changed: the unit is still open; call
 *         again), OT_EIO, OT_ENOTSUP.
 */
OT_API int ot_store_rollback(ot_model *m);

/**
 * Write a snapshot of the state so later opens restore it and replay only
 * the journal entries that follow. The journal itself is kept whole (it is
 * the history, and exporting reads it); only the latest checkpoint is kept.
 * docs/store.md.
 * Cost: O(size of the state): the snapshot is built and written in one
 * transaction.
 * @param m a store-bound, writable model outside a unit.
 * @retval OT_OK, OT_EINVAL, OT_ESTATE (not bound, read-only, inside a unit,
 *         or another connection wrote to the store), OT_EIO, OT_ENOMEM,
 *         OT_ELIMIT (the snapshot is larger than SQLite's limit for one
 *         value, 1 GB by default: about six million ties), OT_ENOTSUP.
 */
OT_API int ot_store_checkpoint(ot_model *m);

/**
 * Save a model as a new store: its configuration, a journal of every call
 * that made it, and a checkpoint. Opening the store gives a model
 * bit-identical to @p m. Works for a model that keeps its events (the
 * default) and for a store-bound model (a copy of its store). All or
 * nothing: on failure no store is left behind at @p path.
 * docs/store.md.
 * Cost: O(events): every event is replayed into the new store and journalled
 * in one transaction, then a checkpoint O(size of the state).
 * @param m the model (not changed).
 * @param path a file that does not exist yet, or is empty.
 * @retval OT_OK, OT_EINVAL (NULL or bad argument), OT_EEXIST (@p path
 *         already holds a store), OT_EFORMAT (@p path holds another file or
 *         database), OT_ENOTSUP (@p m does not keep its events, or built
 *         without SQLite), OT_EIO, OT_ENOMEM.
 */
OT_API int ot_store_save(const ot_model *m, const char *path);

/** @} */

/* ======================================================================== */
/** @name Parameters and their description (1.1)
 * docs/model.md section 9 ("Defaults") and "Files keep their meaning".
 * @{ */

/**
 * Describe a parameter: its scenario key, default and valid range, from the
 * library's one parameter table (bindings and tools read ranges here
 * instead of copying them). Cost: O(1).
 *
 * @param param an ot_param value.
 * @param name  out (may be NULL): the lower-case scenario key
 *              ("gain_rate"); a static string, never freed.
 * @param def   out (may be NULL): the default.
 * @param lo    out (may be NULL): the lower bound of the valid range.
 * @param hi    out (may be NULL): the upper bound (infinite when there is
 *              none). Half-lives take any number but NaN (lo = -inf,
 *              hi = +inf). Three bounds are open: climate_threshold > 0,
 *              scar_rate and deception_scar < 1, promise_window > 0;
 *              keep_events is 0 or 1. ot_config_set() says exactly.
 * @return OT_OK; OT_EINVAL for an unknown param (nothing written).
 */
OT_API int ot_param_info(int param, const char **name, double *def, double *lo, double *hi);

/** @} */

/* ------------------------------------------------------------------ */
/** @name Subjective-logic operators (1.1)
 *  Pure functions on binomial opinions, as in Josang, Subjective Logic
 *  (2016); docs/model.md section 15 gives the formulas. They touch no model
 *  and no global state, allocate nothing, and are safe from any thread.
 *
 *  Every input opinion is validated first: each of b, d, u and a must be a
 *  number in [0, 1] (not NaN) and |b + d + u - 1| must not exceed 1e-9;
 *  otherwise the call returns OT_EINVAL, ot_last_error() names the argument
 *  (with its index for ot_sl_fuse()), the field and the value, and no
 *  output is written.
 *  @{ */

/**
 * A binomial opinion about a proposition: belief, disbelief, uncertainty
 * (b + d + u = 1) and base rate. Frozen: this struct never grows.
 */
typedef struct ot_sl_opinion {
    double b; /**< belief, in [0,1] */
    double d; /**< disbelief, in [0,1] */
    double u; /**< uncertainty, in [0,1]; 0 is a dogmatic opinion, 1 the vacuous one */
    double a; /**< base rate (the prior probability), in [0,1] */
} ot_sl_opinion;

/** Fusion rules for ot_sl_fuse() (fixed values). */
typedef enum ot_fuse_rule {
    OT_FUSE_CUMULATIVE = 1, /**< CBF: independent sources, their evidence added */
    OT_FUSE_AVERAGING = 2,  /**< ABF: dependent sources, their evidence averaged */
    OT_FUSE_WEIGHTED = 3    /**< WBF: averaging weighted by each source's confidence 1 - u */
} ot_fuse_rule;

/**
 * The projected probability P(w) = b + a * u (docs/model.md section 15).
 * Cost: O(1).
 * @param w the opinion.
 * @param[out] p in [0,1].
 * @retval OT_OK, OT_EINVAL (NULL argument, or @p w not an opinion).
 */
OT_API int ot_sl_projected(const ot_sl_opinion *w, double *p);

/**
 * Probability-sensitive trust discounting (docs/model.md section 15): A's
 * trust @p trust in B and B's opinion @p advice about X give A's derived
 * opinion about X: b = P(trust) * advice.b, d = P(trust) * advice.d,
 * u = 1 - P(trust) * (advice.b + advice.d), a = advice.a.
 * Cost: O(1).
 * @param trust A's opinion about B as an advisor.
 * @param advice B's opinion about X.
 * @param[out] out A's derived opinion about X; may be the same object as
 *             @p trust or @p advice.
 * @retval OT_OK, OT_EINVAL (NULL argument, or an input not an opinion).
 */
OT_API int ot_sl_discount(const ot_sl_opinion *trust,
                          const ot_sl_opinion *advice, ot_sl_opinion *out);

/**
 * Fuse n opinions about the same proposition with one n-source operator
 * (docs/model.md section 15), not a fold of pairwise fusions.
 *
 * With dogmatic sources (u = 0) among the inputs, b and d are the
 * equal-weight mean over the dogmatic sources and u = 0; the base rate is
 * the mean over the dogmatic sources for #OT_FUSE_CUMULATIVE and the rule's
 * own base-rate formula over all sources for the other two rules. When
 * every source is vacuous (u = 1) the result is the vacuous opinion with
 * the mean base rate. One opinion is returned as given.
 * Cost: O(n), no allocation.
 * @param ws the n opinions.
 * @param n how many, at least 1.
 * @param rule an ::ot_fuse_rule.
 * @param[out] out the fused opinion; may point into @p ws.
 * @retval OT_OK, OT_EINVAL (NULL argument, n = 0, unknown rule, or
 *         @p ws[i] not an opinion: the message names i).
 */
OT_API int ot_sl_fuse(const ot_sl_opinion *ws, size_t n, int rule,
                      ot_sl_opinion *out);

/**
 * The network opinion (docs/model.md section 15): what @p truster can know
 * about @p trustee from its own organisation. Each colleague k of the
 * truster (an active tie within the truster's organisation: classes
 * ::OT_INTERNAL and ::OT_VERTICAL) who has an active tie to the trustee
 * gives k's opinion of the trustee, discounted (ot_sl_discount()) by the
 * truster's opinion of k; the truster's own opinion of the trustee, when
 * the two have an active tie, comes first, the colleagues follow in
 * increasing actor id, and all are fused in one cumulative fusion
 * (#OT_FUSE_CUMULATIVE). Every opinion is the one ot_opinion() gives, its
 * base rate its truster's propensity. With nobody to ask and no tie of its
 * own the result is the vacuous opinion (u = 1) with the truster's
 * propensity as base rate.
 * A query: changes nothing. Cost: O(d log d + d) for the d ties of the
 * truster, one tie lookup per colleague; a temporary array of d entries.
 * @param m the model.
 * @param truster the actor who asks.
 * @param trustee the actor asked about.
 * @param[out] out the fused opinion.
 * @retval OT_OK, OT_EINVAL (NULL argument, or truster = trustee),
 *         OT_ENOTFOUND (no such actor), OT_ENOMEM (out is unchanged).
 */
OT_API int ot_network_opinion(const ot_model *m, ot_id truster, ot_id trustee,
                              ot_sl_opinion *out);

/** @} */

/** @name A history you can prove: the checksum chain, verify, backups (1.1)
 *  Every journal entry of a store carries a BLAKE2b hash of its content
 *  (128 bits) chained to the entry before it, and every checkpoint the chain's hash of
 *  the entry it follows (docs/store.md, "The checksum chain"). Opening a
 *  store checks the chain from its checkpoint on; exporting (and everything
 *  else that reads the whole history) checks it from the first entry and
 *  replays every entry; a mismatch is ::OT_EFORMAT naming the entry. The
 *  chain detects damage and edits; it is not a signature: whoever can
 *  rewrite the whole file can write a new chain.
 *  @{ */

/**
 * Check a store file deeply, without changing it: the chain from the first
 * entry, every entry replayed into a new model with every call succeeding,
 * and every checkpoint equal (ot_model_digest()) to the replayed state at
 * its entry. A store written by liborgtrust 1.0 has no chain until its
 * first write by 1.1; its entries are then replayed and checked only.
 * Time in proportion to the journal (docs/performance.md), memory as for
 * opening the store. The file may be open elsewhere, also by a writer: the
 * check reads one consistent moment of it.
 * @param path the store file.
 * @retval OT_OK, OT_EINVAL (@p path NULL or empty), OT_EIO (no such file,
 *         or reading failed), OT_EFORMAT (the first problem, named in
 *         ot_last_error(): "journal entry 17 fails its checksum", "...
 *         no longer validates", a checkpoint that differs from the replay,
 *         or not a store at all), OT_ENOMEM, OT_ENOTSUP (built without the
 *         store).
 */
OT_API int ot_store_verify(const char *path);

/**
 * ot_store_verify() that also says what it checked, as a JSON object:
 * `{"store", "format", "entries", "chained_from", "sealed", "checkpoints":
 * [{"entry", "digest"}], "chain_head", "digest"}`: the file, its format
 * version, the journal's entries, the first entry the chain covers as
 * written (0: none, a 1.0 store), how many entries a 1.0 store had when
 * the chain was started over them, the checkpoints, the chain's hash of
 * the last entry (32 hex digits, "" without a chain) and the digest of the
 * replayed state (16 hex digits). Keys are described in docs/store.md.
 * @param path the store file.
 * @param json out: the report, NUL-terminated, owned by the caller (free
 *        with ot_free()); written only on success.
 * @param len out, may be NULL: its length.
 * @retval as ot_store_verify(), and OT_EINVAL for @p json NULL.
 */
OT_API int ot_store_verify_report(const char *path, char **json, size_t *len);

/**
 * An online, consistent copy of the store @p m is bound to, through
 * SQLite's backup API: the copy is the store at one moment (the journal as
 * it was when the copy began, with every entry committed by then), while
 * writers in other connections or processes go on. The copy is then opened
 * once to check it (its chain from its checkpoint, and the replay after
 * it). Cost: reading and writing the whole file; the store's own writer
 * is not held up.
 * @param m a store-bound model (read-only or writable, outside a unit).
 * @param path a file that does not exist yet, or is empty; on failure
 *        nothing is left there.
 * @retval OT_OK, OT_EINVAL, OT_ESTATE (not bound, or inside a unit),
 *         OT_EEXIST (@p path holds something), OT_EIO, OT_EFORMAT (the
 *         copy does not check: the store is damaged), OT_ENOMEM,
 *         OT_ENOTSUP.
 */
OT_API int ot_store_backup(const ot_model *m, const char *path);

/** @} */

/**
 * @defgroup timeline Trust over time (1.1)
 * The model is a pure function of its events (docs/model.md, section 16),
 * so any earlier day can be recomputed: the model as of a day, the values
 * of chosen quantities over a list of days in one replay, and the history
 * of every kept event in words and numbers. All three read the kept
 * events (OT_PARAM_KEEP_EVENTS = 1, the default) or, for a store-bound
 * model, the store's journal; without either they return OT_ENOTSUP.
 * @{
 */

/** What an ot_probe measures (values fixed). */
typedef enum ot_probe_what {
    OT_PROBE_TRUST = 1,            /**< T(a -> b), actors (ot_trust()) */
    OT_PROBE_TRUSTWORTHINESS = 2,  /**< TW(a -> b), actors (ot_trustworthiness()) */
    OT_PROBE_EFFECTIVE_TRUST = 3,  /**< ET(a -> b), actors (ot_effective_trust()) */
    OT_PROBE_REPUTATION = 4,       /**< rep(org a excluding actor c -> org b); c may be OT_NONE (ot_reputation()) */
    OT_PROBE_BACKING = 5,          /**< how org a's leadership stands toward org b (ot_backing(m, a, b)) */
    OT_PROBE_LAYER_TRUST = 6,      /**< layer trust between orgs a and b at `layer` (ot_layer_trust()) */
    OT_PROBE_DAMPING = 7,          /**< the gain damping on the tie of actors a and b (ot_damping()) */
    OT_PROBE_STANDING = 8,         /**< the standing of actor a in its own organisation (ot_standing()) */
    OT_PROBE_BRIDGE_GAP = 9,       /**< bridge gap of actor a toward org b (ot_bridge_gap()) */
    OT_PROBE_CEILING = 10          /**< the ceiling of a -> b, actors (ot_ceiling()) */
} ot_probe_what;

/**
 * One quantity to follow over time (frozen). `what` is an ot_probe_what;
 * a, b and c are the ids it names (see ot_probe_what); `layer` is read by
 * OT_PROBE_LAYER_TRUST only and must be 0 otherwise; ids a probe kind does
 * not use are ignored. `reserved` must be 0.
 */
typedef struct ot_probe {
    int32_t what;      /**< an ot_probe_what */
    uint32_t layer;    /**< the layer, for OT_PROBE_LAYER_TRUST; 0 otherwise */
    ot_id a;           /**< the first actor or organisation */
    ot_id b;           /**< the second actor or organisation (unused by OT_PROBE_STANDING) */
    ot_id c;           /**< the actor left out of a reputation, or OT_NONE (OT_PROBE_REPUTATION only) */
    uint32_t reserved; /**< 0 */
} ot_probe;

/**
 * A new model equal to @p m as it was on day @p t: every kept event up to
 * the first one with a time later than @p t (structure calls count at the
 * model's time when they were made), then, when @p t is later than the last
 * of them, ot_advance() to @p t (kept as an event of the new model when it
 * keeps events), so decayed values are those of day @p t. The new model is not bound to any store; it has @p m's
 * configuration and keeps its events as that configuration says.
 * Cost: one replay of the events up to @p t.
 * @param m the model (not changed).
 * @param t the day, a finite number (it may be earlier than every event:
 *          the model then holds only the structure made before the first
 *          event, or nothing).
 * @param out receives the new model, owned by the caller: free it with
 *          ot_model_free(). Written only on success.
 * @retval OT_OK, OT_EINVAL (NULL argument, @p t not finite),
 *         OT_ENOTSUP (@p m keeps no events and is not bound to a store),
 *         OT_EFORMAT (a store's journal entry is damaged or no longer
 *         validates; the message names it), OT_EIO, OT_ENOMEM.
 */
OT_API int ot_model_at(const ot_model *m, double t, ot_model **out);

/**
 * The values of @p np probes at each of @p nt times, in one replay of the
 * events: out[k * np + p] is probe p at times[k], exactly the value
 * ot_model_at(m, times[k]) followed by the probe's query gives. A value
 * that does not exist at that time is NaN: an actor, organisation or tie
 * that does not exist yet, organisations without a tie at that layer, an
 * actor whose organisation overlaps org b (a bridge gap).
 * Probe ids are checked against @p m (the latest state): an id that
 * never exists, the same actor or an overlapping organisation pair where
 * two are needed, or a layer the model does not have is OT_EINVAL.
 * Cost: one replay of the events up to the last time, plus the queries.
 * @param m the model (not changed).
 * @param probes @p np probes.
 * @param np the number of probes, at least 1.
 * @param times @p nt finite, non-decreasing times.
 * @param nt the number of times, at least 1.
 * @param out room for nt * np doubles, written only on success.
 * @retval OT_OK, OT_EINVAL (NULL argument, a count of 0 or too large, a
 *         malformed probe or a bad time: the message names its index),
 *         OT_ENOTSUP, OT_EFORMAT, OT_EIO, OT_ENOMEM (as ot_model_at()).
 */
OT_API int ot_timeline(const ot_model *m, const ot_probe *probes, size_t np, const double *times, size_t nt,
                       double *out);

/**
 * The history of @p m as JSON: every kept event in order with its time,
 * its kind, who was involved (names and ids) and what it did: trust before
 * and after for every direction it moved, the disruption it opened,
 * handled or settled with the outcome and the level, and for a failed
 * escalation why. The keys are documented in docs/history.md.
 * Cost: one replay of every event.
 * @param m the model (not changed).
 * @param json receives a NUL-terminated buffer owned by the caller: free
 *        it with ot_free(). Written only on success.
 * @param len if not NULL, receives the length without the NUL.
 * @retval OT_OK, OT_EINVAL, OT_ENOTSUP, OT_EFORMAT, OT_EIO, OT_ENOMEM.
 */
OT_API int ot_history_json(const ot_model *m, char **json, size_t *len);

/** @} */

/* ==== Version 1.1: scars, responses to a breach and revealed truth ====== */

/** @defgroup scars Scars, responses and revealed truth (since 1.1)
 * A breach leaves a scar, a deception a lasting one, and the scars set a
 * ceiling on trust; the other party can answer a disruption, and later
 * evidence can show whether it was at fault (docs/model.md, sections 11
 * and 12).
 *  @{ */

/** How the other party answered a disruption (fixed values). */
typedef enum ot_response {
    OT_RESPONSE_NONE = 0,    /**< no answer (yet): the disruption is reticent */
    OT_RESPONSE_APOLOGY = 1, /**< admits the fault */
    OT_RESPONSE_DENIAL = 2,  /**< says it was not at fault */
    OT_RESPONSE_PROMISE = 3  /**< commits to do better: boosted gains for a window */
} ot_response;

/**
 * The two scars of a direction, decayed to the model's current time.
 * @param m the model.
 * @param truster the actor whose trust it is.
 * @param trustee the other end of the tie.
 * @param scar out: the healing scar sigma, in [0, 1) (may be NULL).
 * @param deception_scar out: the deception scar sigma_p, in [0, 1) (may be
 *        NULL, but not both).
 * @retval OT_OK, OT_EINVAL (NULL model or both outputs NULL),
 *         OT_ENOTFOUND (no such actor, or no tie between them).
 * Cost: O(1). Outputs are written only on success.
 */
OT_API int ot_scars(const ot_model *m, ot_id truster, ot_id trustee, double *scar, double *deception_scar);

/**
 * The ceiling C = (1 - sigma) * (1 - sigma_p) of a direction, now: no gain,
 * repair, escalation, response or revealed innocence lifts trust above it.
 * @param m the model.
 * @param truster the actor whose trust it is.
 * @param trustee the other end of the tie.
 * @param out out: C, in (0, 1].
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND. Cost: O(1).
 */
OT_API int ot_ceiling(const ot_model *m, ot_id truster, ot_id trustee, double *out);

/**
 * The other party of a disruption answers it (an event: kept, exported,
 * journalled). An apology or denial moves the observer's trust a fraction
 * of the way back towards min(trust before, ceiling); a promise boosts the
 * observer's gains about the other for a window of days. Responses add no
 * evidence. One response per disruption.
 * @param m a writable model.
 * @param disruption an open disruption that has no response yet.
 * @param response OT_RESPONSE_APOLOGY, OT_RESPONSE_DENIAL or
 *        OT_RESPONSE_PROMISE.
 * @param t the time in days (not before the model's time).
 * @retval OT_OK, OT_EINVAL (bad model, response or t), OT_ENOTFOUND (no
 *         such disruption), OT_ESTATE (not open, already answered, or a
 *         read-only model), OT_ETIME, OT_ENOMEM, OT_EIO (store). A failed
 *         call changes nothing.
 */
OT_API int ot_respond(ot_model *m, ot_id disruption, int response, double t);

/**
 * Later evidence shows whether the other party of a disruption was at
 * fault (an event). Guilty after a denial: the denial was a lie, recorded
 * as deceptive integrity evidence; guilty otherwise: nothing changes; not
 * guilty: trust moves part of the way back towards min(trust before,
 * ceiling). Once per disruption, whatever its status.
 * @param m a writable model.
 * @param disruption the disruption.
 * @param guilty 1 at fault, 0 not.
 * @param t the time in days (not before the model's time).
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND, OT_ESTATE (already revealed, or
 *         a read-only model), OT_ETIME, OT_ENOMEM, OT_EIO. A failed call
 *         changes nothing.
 */
OT_API int ot_reveal(ot_model *m, ot_id disruption, int guilty, double t);

/**
 * How a disruption was answered.
 * @param m the model.
 * @param d the disruption.
 * @param response out: an ot_response, OT_RESPONSE_NONE when reticent.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND. Cost: O(1).
 */
OT_API int ot_disruption_response(const ot_model *m, ot_id d, int *response);

/**
 * Whether the truth about a disruption came out, and what it was.
 * @param m the model.
 * @param d the disruption.
 * @param revealed out: 1 once revealed, else 0.
 * @param guilty out (may be NULL): the revealed verdict, 1 at fault;
 *        written only when revealed.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND. Cost: O(1).
 */
OT_API int ot_disruption_revealed(const ot_model *m, ot_id d, int *revealed, int *guilty);

/** @} */

/**
 * @name People come and go, and the escalation ladder (1.1)
 * A tie can end, an actor can leave or move, and the model's time can move
 * on with no other event (docs/model.md, section 13). Every open disruption
 * is handled at a level, a layer with its handlers, and is due when that
 * layer's timebox has run out (section 14). Each mutating call here is an
 * event: it takes @p t (never earlier than the model's time), is kept,
 * exported, journalled and replayed, and a failing call changes nothing.
 * @{
 */

/** Lists of disruptions for ot_disruptions() (fixed values). */
typedef enum ot_list {
    OT_LIST_OPEN = 1,    /**< the open ones */
    OT_LIST_OVERDUE = 2, /**< the open ones past their due time */
    OT_LIST_ALL = 3      /**< every disruption ever opened */
} ot_list;

/** What ot_disruption_advice() recommends (fixed values). */
typedef enum ot_advice {
    OT_ADVICE_NONE = 0,    /**< not open: nothing to do */
    OT_ADVICE_RESOLVE = 1, /**< settle it at the current level */
    OT_ADVICE_REFER = 2    /**< refer it one rung up, to the step given */
} ot_advice;

/**
 * End a tie. Its state stays readable (and decays as usual), but it leaves
 * every aggregate (layer trust and climate, reputation, backing, own trust
 * in bridge gaps, standing), the hazards, the DIAGONAL entanglement and the
 * escalation paths; its open disruptions become ::OT_WITHDRAWN. Adding a tie
 * for the same two actors later makes a new tie (a new id) that starts from
 * this one's state. Cost: O(layers x organisation depth^2), plus the open
 * disruptions when the tie has any.
 * @param m the model.
 * @param tie the tie.
 * @param t the time.
 * @retval OT_OK, OT_EINVAL (NULL model, t not finite), OT_ENOTFOUND (unknown
 *         tie), OT_ESTATE (already ended, or read-only store), OT_ETIME (t
 *         earlier than the model's time), OT_ENOMEM, OT_EIO.
 */
OT_API int ot_tie_end(ot_model *m, ot_id tie, double t);

/**
 * Whether a tie is active (1) or has ended (0).
 * @param m the model.
 * @param tie the tie.
 * @param[out] active 1 or 0.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_tie_active(const ot_model *m, ot_id tie, int *active);

/**
 * An actor leaves: all its active ties end (as ot_tie_end()), its direct
 * reports take its superior as theirs, and it can take no new part (no new
 * ties, no superior changes, no move, never a superior or escalation
 * candidate). Its name, recorded superior and history stay. Cost: O(the
 * actor's ties x organisation depth^2 + its direct reports).
 * @param m the model.
 * @param actor the actor.
 * @param t the time.
 * @retval OT_OK, OT_EINVAL, OT_ENOTFOUND (unknown actor), OT_ESTATE (already
 *         left, or read-only store), OT_ETIME, OT_ENOMEM, OT_EIO.
 */
OT_API int ot_actor_leave(ot_model *m, ot_id actor, double t);

/**
 * Whether an actor is active (1) or has left (0).
 * @param m the model.
 * @param actor the actor.
 * @param[out] active 1 or 0.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_actor_active(const ot_model *m, ot_id actor, int *active);

/**
 * An actor moves: promotion, transfer or reorganisation. The superior rule
 * is checked for the new position; the actor's direct reports take its
 * former superior as theirs; every active tie of the actor is reclassified
 * (internal or external, its layer and organisation pair) and its
 * contributions move with it. Trust, evidence and open disruptions stay
 * with the ties. Cost: O(the actor's ties x organisation depth^2 + its
 * direct reports).
 * @param m the model.
 * @param actor the actor.
 * @param org its new organisation.
 * @param layer its new layer.
 * @param superior its new superior, or #OT_NONE: in @p org or an
 *        organisation containing it, on a layer above @p layer, active.
 * @param t the time.
 * @retval OT_OK, OT_EINVAL (bad layer, superior rule broken), OT_ENOTFOUND
 *         (unknown actor, organisation or superior), OT_ESTATE (the actor or
 *         the superior has left, or read-only store), OT_ETIME, OT_ENOMEM,
 *         OT_EIO.
 */
OT_API int ot_actor_move(ot_model *m, ot_id actor, ot_id org, unsigned layer,
                         ot_id superior, double t);

/**
 * Move the model's time forward to @p t with no other effect, so that
 * decayed values and overdue disruptions can be read for a day without
 * interactions.
 * @param m the model.
 * @param t the time.
 * @retval OT_OK, OT_EINVAL, OT_ETIME, OT_ESTATE (read-only store),
 *         OT_ENOMEM, OT_EIO.
 */
OT_API int ot_advance(ot_model *m, double t);

/**
 * Set the timebox of every layer: the days a disruption may stay at a
 * level on that layer before it is due to go a rung up. Defaults 5 * 2^L
 * (5, 10, 20 days for three layers); ot_config_set_layers() resets them.
 * @param c the configuration.
 * @param n the number of layers of @p c.
 * @param days @p n values, each > 0 and finite (copied).
 * @retval OT_OK, OT_EINVAL (NULL, @p n not the layer count, a bad value;
 *         nothing changed).
 */
OT_API int ot_config_set_timeboxes(ot_config *c, unsigned n, const double *days);

/**
 * The timebox of a layer.
 * @param m the model.
 * @param layer the layer.
 * @param[out] days the timebox in days.
 * @retval OT_OK, OT_EINVAL (NULL argument, no such layer).
 */
OT_API int ot_model_timebox(const ot_model *m, unsigned layer, double *days);

/**
 * Refer an open disruption one rung up: the next step of its escalation
 * path (from the observer's side) above its level that is OK or UNHEALTHY
 * becomes its level, its x and y the handlers, from @p t on.
 * COMPROMISED and NO_TIE steps are passed over. The disruption counts as
 * surfaced; ::OT_UNILATERAL costs as in ot_escalate(), at every referral.
 * Cost: O(layers) plus a due-index update, O(log open disruptions).
 * @param m the model.
 * @param disruption the disruption (on an external tie).
 * @param mode ::OT_JOINT or ::OT_UNILATERAL.
 * @param t the time.
 * @retval OT_OK, OT_EINVAL (bad mode, internal tie), OT_ENOTFOUND,
 *         OT_ESTATE (not open, no rung free above, read-only store),
 *         OT_ETIME, OT_ENOMEM, OT_EIO.
 */
OT_API int ot_refer(ot_model *m, ot_id disruption, int mode, double t);

/**
 * The handlers settle an open disruption at its current level. At the
 * opening level this is ot_repair(). Above, it succeeds as escalation does
 * when the handlers' health min(T(x->y), T(y->x)) is at least the
 * escalation threshold; otherwise it fails: the disruption stays open at
 * that level, marked failed there (and escalation-failed), and both
 * directions of its tie take the spill-down evidence.
 * @param m the model.
 * @param disruption the disruption.
 * @param t the time.
 * @param[out] resolved 1 if settled, 0 if the attempt failed; may be NULL.
 * @retval OT_OK (a failed attempt is an accepted event too), OT_EINVAL,
 *         OT_ENOTFOUND, OT_ESTATE (not open, read-only store), OT_ETIME,
 *         OT_ENOMEM, OT_EIO.
 */
OT_API int ot_resolve(ot_model *m, ot_id disruption, double t, int *resolved);

/**
 * A disruption's level: the layer it is handled at, its handlers (the
 * parties, observer first, at the opening level) and since when. For a
 * closed disruption, the level it had last. Any output may be NULL.
 * @param m the model.
 * @param d the disruption.
 * @param[out] layer the level's layer.
 * @param[out] x the handler on the observer's side.
 * @param[out] y the handler on the other side.
 * @param[out] since when the handlers took it.
 * @retval OT_OK, OT_EINVAL (NULL model), OT_ENOTFOUND.
 */
OT_API int ot_disruption_level(const ot_model *m, ot_id d, unsigned *layer,
                               ot_id *x, ot_id *y, double *since);

/**
 * When an open disruption is due: its level's start plus that layer's
 * timebox. It is overdue once the model's time is strictly past it.
 * @param m the model.
 * @param d the disruption.
 * @param[out] due the due time.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND, OT_ESTATE (not
 *         open).
 */
OT_API int ot_disruption_due(const ot_model *m, ot_id d, double *due);

/**
 * The freshness factor 2^(-(t_known - t_open)/H_r) of a disruption at the
 * model's time (t_known stops at its surfacing); for a closed disruption,
 * the factor at its closing.
 * @param m the model.
 * @param d the disruption.
 * @param[out] fresh the factor in [0, 1]: above 0 in exact arithmetic, it
 *   reaches 0 in double precision once it is below the smallest double
 *   (about 1075 half-lives: some 88 years at the default 30 days).
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_disruption_freshness(const ot_model *m, ot_id d, double *fresh);

/**
 * List disruptions in increasing id order. Cost: O(n) for ::OT_LIST_ALL,
 * O(k log k) for the k open or overdue ones (the overdue ones are found
 * without looking at the others).
 * @param m the model.
 * @param which ::OT_LIST_OPEN, ::OT_LIST_OVERDUE or ::OT_LIST_ALL.
 * @param[out] ids room for @p cap ids (may be NULL when @p cap is 0).
 * @param cap the room.
 * @param[out] n how many there are (may exceed @p cap: call again).
 * @retval OT_OK, OT_EINVAL (NULL, bad @p which), OT_ENOMEM.
 */
OT_API int ot_disruptions(const ot_model *m, int which, ot_id *ids, size_t cap,
                          size_t *n);

/**
 * The earliest due time over the open disruptions (the lowest id among
 * those due at that time), for a host system's one timer. Cost: O(1).
 * @param m the model.
 * @param[out] t the due time.
 * @param[out] d the disruption, or NULL.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND (none is open).
 */
OT_API int ot_next_due(const ot_model *m, double *t, ot_id *d);

/**
 * What to do next with a disruption, at the model's time: ::OT_ADVICE_RESOLVE
 * while it is not overdue and has not failed at its level;
 * ::OT_ADVICE_REFER, with the step, once it is overdue or failed and a
 * rung is free above; ::OT_ADVICE_RESOLVE when nothing is left above;
 * ::OT_ADVICE_NONE when it is not open.
 * @param m the model.
 * @param d the disruption.
 * @param[out] action an ::ot_advice.
 * @param[out] step for ::OT_ADVICE_REFER, the step to refer to; may be NULL.
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND.
 */
OT_API int ot_disruption_advice(const ot_model *m, ot_id d, int *action,
                                ot_escalation_step *step);

/** @} */

/* ======================================================================== */
/** @name The vocabulary of the reports (1.1)
 *  One table of every term the report (docs/report.md), the history
 *  (docs/history.md), the command line and the HTML report show, so that
 *  all of them, and the bindings, say the same thing in the same words.
 *  Each term has a key: the report's JSON key ("standing"), or for a value
 *  of a field the field, a dot and the value ("cooperation_basis.at_risk",
 *  "status.unhealthy", "reason.diagonal"). The strings are static: never
 *  freed, never changed, valid for the life of the process. The table
 *  touches no model and no global state and is safe from any thread.
 *  Terms are only ever added; their indices may change from one version to
 *  the next (find a term by its key).
 *  @{ */

/**
 * Describe term @p i of the vocabulary (0, 1, ... until OT_ENOTFOUND).
 * Cost: O(1).
 * @param i the index.
 * @param[out] key the key (may be NULL): "status.compromised".
 * @param[out] term the model's term (may be NULL): "compromised".
 * @param[out] plain the plain words a director understands (may be NULL):
 *             "cannot mediate: part of the conflict".
 * @param[out] definition one or two sentences for a glossary (may be NULL):
 *             what the number means, its range, and the section of
 *             docs/model.md that defines it.
 * @retval OT_OK, OT_ENOTFOUND (@p i is past the last term; nothing written).
 */
OT_API int ot_term_info(unsigned i, const char **key, const char **term, const char **plain,
                        const char **definition);

/**
 * The index of the term with key @p key. Cost: O(number of terms), a
 * string comparison each (about 70).
 * @param key the key, e.g. "freshness" or "cooperation_basis.trust".
 * @param[out] i the index for ot_term_info() and ot_term_fill().
 * @retval OT_OK, OT_EINVAL (NULL argument), OT_ENOTFOUND (no such term).
 */
OT_API int ot_term_find(const char *key, unsigned *i);

/**
 * The plain words of term @p i said about named people and organisations:
 * its phrase with every slot "{name}" replaced by the value the caller
 * gives for it ("how far {org} trusts {actor}" with org = "Gemeente",
 * actor = "Henk" gives "how far Gemeente trusts Henk"). A term without
 * slots gives its plain words. The slots a term's phrase takes are listed
 * in docs/report.md ("The vocabulary"). Written like snprintf(): at most
 * @p size - 1 bytes and a NUL (when @p size > 0); @p len is the full
 * length. Allocates nothing. Cost: O(length of the phrase times @p nslots
 * plus the length of the result).
 * @param i the term's index.
 * @param slots 2 * @p nslots strings: name, value, name, value, ...
 *              (names without braces); extra pairs are ignored.
 * @param nslots the number of pairs.
 * @param out the buffer (may be NULL when @p size is 0).
 * @param size its size in bytes.
 * @param[out] len the length of the whole text, without the NUL (may be
 *             NULL).
 * @retval OT_OK, OT_ENOTFOUND (@p i past the last term), OT_EINVAL (NULL
 *         @p slots with pairs, NULL @p out with a size, or a slot of the
 *         phrase that @p slots does not give: the message names it; nothing
 *         written).
 */
OT_API int ot_term_fill(unsigned i, const char *const *slots, size_t nslots, char *out, size_t size,
                        size_t *len);

/** @} */

/* ======================================================================== */
/**
 * @defgroup texts Texts and the calendar (1.1)
 *
 * What a model says in words beside its numbers: a description, a note on
 * an event, a label per disruption (a scenario's disruption ids), and a
 * calendar epoch that turns days into dates. None of them changes a value
 * (ot_model_digest() leaves them out); each setting is an event that is
 * kept, exported in scenarios, journalled in a store and replayed
 * (docs/scenario.md, "Texts" and "Calendar dates"). Texts are UTF-8, not
 * empty; a description or note is at most 65536 bytes, a label at most 255.
 * A returned string is owned by the model and stays valid until the model
 * is freed or a store unit is rolled back (ot_store_rollback()).
 * @{
 */

/** Room ot_model_date() needs: "YYYY-MM-DDTHH:MM" and its NUL, with margin. */
#define OT_DATE_CAP 20

/**
 * Set the model's description (it replaces an earlier one).
 * Cost: O(length); one copy.
 * @param m the model.
 * @param text the description, copied.
 * @retval OT_OK, OT_EINVAL (NULL, empty or not UTF-8), OT_ELIMIT (longer
 *         than 65536 bytes), OT_ESTATE (read-only), OT_ENOMEM, OT_EIO.
 */
OT_API int ot_model_set_description(ot_model *m, const char *text);

/**
 * The model's description. Cost: O(1).
 * @param m the model.
 * @return the description, owned by the model; NULL when it has none (or
 *         @p m is NULL).
 */
OT_API const char *ot_model_description(const ot_model *m);

/**
 * A note on the last event the model accepted other than a text (the
 * scenario's "note" key). On a model that records nothing (no kept events,
 * no store) the note has nowhere to go: OT_OK, nothing kept.
 * Cost: O(length); one copy.
 * @param m the model.
 * @param text the note, copied.
 * @retval OT_OK, OT_EINVAL (NULL, empty or not UTF-8), OT_ELIMIT (longer
 *         than 65536 bytes), OT_ESTATE (no event yet, or read-only),
 *         OT_ENOMEM, OT_EIO.
 */
OT_API int ot_note(ot_model *m, const char *text);

/**
 * Give disruption d a label (a scenario file's id for it, e.g.
 * "watertoets-2"): reports, exports and messages then call it so. Once per
 * disruption; unique in the model.
 * Cost: O(length); one copy.
 * @param m the model.
 * @param d the disruption.
 * @param label the label, copied.
 * @retval OT_OK, OT_EINVAL (NULL, empty or not UTF-8), OT_ELIMIT (longer
 *         than 255 bytes), OT_ENOTFOUND (no such disruption), OT_EEXIST
 *         (another disruption has the label), OT_ESTATE (d has a label
 *         already, or read-only), OT_ENOMEM, OT_EIO.
 */
OT_API int ot_disruption_set_label(ot_model *m, ot_id d, const char *label);

/**
 * The label of a disruption. Cost: O(1).
 * @param m the model.
 * @param d the disruption.
 * @return the label, owned by the model; NULL when it has none (or @p d or
 *         @p m does not exist).
 */
OT_API const char *ot_disruption_label(const ot_model *m, ot_id d);

/**
 * Set the calendar: day 0 is @p date, midnight UTC, and day t is t days
 * later (it replaces an earlier epoch).
 * Cost: O(1).
 * @param m the model.
 * @param date "YYYY-MM-DD", a real day of the years 0001 to 9999.
 * @retval OT_OK, OT_EINVAL (NULL, malformed, or no such day: 2025-02-30),
 *         OT_ESTATE (read-only), OT_ENOMEM, OT_EIO.
 */
OT_API int ot_model_set_epoch(ot_model *m, const char *date);

/**
 * The calendar's epoch. Cost: O(1).
 * @param m the model.
 * @return "YYYY-MM-DD", owned by the model; NULL when it has none (or @p m
 *         is NULL).
 */
OT_API const char *ot_model_epoch(const ot_model *m);

/**
 * The ISO 8601 date of day t: "2025-03-14", or "2025-03-14T09:30" when t,
 * rounded to the minute, is not a whole day. UTC, by the C library's
 * calendar. Cost: O(1); no allocation.
 * @param m the model.
 * @param t days since the epoch.
 * @param[out] buf room for @p cap bytes, written with a NUL.
 * @param cap at least ::OT_DATE_CAP.
 * @retval OT_OK, OT_EINVAL (NULL, cap too small, or t outside the years
 *         0001 to 9999), OT_ESTATE (no epoch).
 */
OT_API int ot_model_date(const ot_model *m, double t, char *buf, size_t cap);

/**
 * The day (since the epoch, fractional for a time of day) of an ISO 8601
 * date or date-time, UTC: "2025-03-14", "2025-03-14T09:30",
 * "2025-03-14T09:30:15", each optionally ending in "Z".
 * Cost: O(1).
 * @param m the model.
 * @param iso the date.
 * @param[out] t the day.
 * @retval OT_OK, OT_EINVAL (NULL, or not such a date), OT_ESTATE (no epoch).
 */
OT_API int ot_model_day(const ot_model *m, const char *iso, double *t);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* ORGTRUST_H */
