/* SPDX-License-Identifier: MIT */
#include "text.h"
#include "error.h"

#include <orgtrust.h>
#include <string.h>

size_t oti_strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

int oti_utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            len = 2;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            len = 3;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += len;
    }
    return 1;
}

int oti_check_name(const char *s, size_t max, const char *fn, const char *arg)
{
    if (!s)
        return oti_fail(OT_EINVAL, "%s: %s is NULL", fn, arg);
    size_t n = oti_strnlen(s, max + 1);
    if (n > max)
        return oti_fail(OT_ELIMIT, "%s: %s is longer than %zu bytes", fn, arg, max);
    if (!oti_utf8_valid(s, n))
        return oti_fail(OT_EINVAL, "%s: %s is not valid UTF-8", fn, arg);
    return OT_OK;
}

size_t oti_cut_utf8(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    return n;
}

const char *oti_quote(const char *s, char out[80])
{
    size_t n = oti_cut_utf8(s, 60);
    out[0] = '"';
    for (size_t i = 0; i < n; i++)
        out[i + 1] = (unsigned char)s[i] < 0x20 ? '?' : s[i]; // NOLINT(bugprone-narrowing-conversions): plain ASCII
    size_t k = n + 1;
    if (s[n] != '\0') {
        memcpy(out + k, "...", 3);
        k += 3;
    }
    out[k++] = '"';
    out[k] = '\0';
    return out;
}
