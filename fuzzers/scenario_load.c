/* libFuzzer harness for ot_scenario_load: whatever the bytes, loading
 * either fails cleanly with no model, or gives a model that passes the
 * checker, exports, loads back to the same digest, and reports and draws.
 * SPDX-License-Identifier: MIT */
#include <orgtrust.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define MUST(x)                                                                                                  \
    do {                                                                                                         \
        if (!(x))                                                                                                \
            __builtin_trap();                                                                                    \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ot_model *m = NULL;
    int rc = ot_scenario_load((const char *)data, size, &m);
    if (rc != OT_OK) {
        MUST(m == NULL);
        MUST(rc < 0 && ot_last_error()[0] != '\0');
        return 0;
    }
    MUST(ot_model_check(m) == OT_OK);
    char *text = NULL;
    size_t len = 0;
    rc = ot_scenario_export(m, &text, &len);
    MUST(rc == OT_OK || rc == OT_ENOTSUP); /* ENOTSUP: keep_events 0 */
    if (rc == OT_OK) {
        ot_model *again = NULL;
        MUST(ot_scenario_load(text, len, &again) == OT_OK);
        uint64_t a, b;
        MUST(ot_model_digest(m, &a) == OT_OK && ot_model_digest(again, &b) == OT_OK && a == b);
        ot_model_free(again);
        ot_free(text);
    }
    MUST(ot_report_json(m, &text, &len) == OT_OK && strlen(text) == len);
    ot_free(text);
    MUST(ot_export_dot(m, &text, &len) == OT_OK && strlen(text) == len);
    ot_free(text);
    ot_model_free(m);
    return 0;
}
