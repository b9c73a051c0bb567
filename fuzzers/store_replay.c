/* Replay inputs through a libFuzzer entry point without libFuzzer: every
 * file named, and every file in every directory named, once. Built with
 * gcc and run by ctest over the seed corpus (fuzzers/corpus/store/), so the
 * harness and its invariants are exercised in every build, also under the
 * sanitizers; with ORGTRUST_FUZZ the same harness is a libFuzzer target.
 *
 *   store_replay FILE_OR_DIR...
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *name)
{
    FILE *f = fopen(name, "rb");
    if (!f) {
        fprintf(stderr, "store_replay: cannot read %s\n", name);
        return 1;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *more = realloc(buf, cap *= 2);
            if (!more)
                free(buf);
            buf = more;
        }
    }
    fclose(f);
    if (!buf) {
        fprintf(stderr, "store_replay: out of memory reading %s\n", name);
        return 1;
    }
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    int failed = 0, inputs = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[i]);
            struct dirent *e;
            while (d && (e = readdir(d))) {
                if (e->d_name[0] == '.')
                    continue;
                size_t len = strlen(argv[i]) + strlen(e->d_name) + 2;
                char *name = malloc(len);
                if (!name)
                    return 1;
                snprintf(name, len, "%s/%s", argv[i], e->d_name);
                failed |= replay_file(name);
                inputs++;
                free(name);
            }
            if (d)
                closedir(d);
        } else {
            failed |= replay_file(argv[i]);
            inputs++;
        }
    }
    printf("store_replay: %d inputs%s\n", inputs, failed ? ", some unreadable" : "");
    return failed || inputs == 0;
}
