/* The allocator hook: the only process-wide mutable state of the library.
 * SPDX-License-Identifier: MIT */
#include "alloc.h"
#include "error.h"

#include <orgtrust.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *(*hook_malloc)(size_t) = malloc;
static void *(*hook_realloc)(void *, size_t) = realloc;
static void (*hook_free)(void *) = free;
/* Configs and models alive; the hook may change only at zero, so no block
 * is ever freed by a different allocator than the one that made it. */
static atomic_long pinned;

void oti_pin(void) { atomic_fetch_add(&pinned, 1); }
void oti_unpin(void) { atomic_fetch_sub(&pinned, 1); }

OT_API int ot_set_allocator(void *(*malloc_fn)(size_t),
                            void *(*realloc_fn)(void *, size_t),
                            void (*free_fn)(void *))
{
    int nulls = (malloc_fn == NULL) + (realloc_fn == NULL) + (free_fn == NULL);
    if (nulls != 0 && nulls != 3)
        return oti_fail(OT_EINVAL, "ot_set_allocator: give all three functions or none (%d of 3 are NULL)", nulls);
    if (atomic_load(&pinned) != 0)
        return oti_fail(OT_ESTATE, "ot_set_allocator: %ld configuration(s) or model(s) still exist; free them first",
                        (long)atomic_load(&pinned));
    hook_malloc = malloc_fn ? malloc_fn : malloc;
    hook_realloc = realloc_fn ? realloc_fn : realloc;
    hook_free = free_fn ? free_fn : free;
    return OT_OK;
}

void *oti_malloc(size_t n) { return hook_malloc(n ? n : 1); }
void *oti_realloc(void *p, size_t n) { return hook_realloc(p, n ? n : 1); }
void oti_free(void *p)
{
    if (p)
        hook_free(p);
}

/* A buffer handed to the caller carries the free function of the hook that
 * made it, just before the text: ot_free() then releases it with that
 * function even after ot_set_allocator() changed the hook (the hook may
 * change once the model that wrote the buffer is gone, the buffer may live
 * on). The union keeps the text aligned like any allocation. */
typedef union owned_header {
    void (*free_fn)(void *);
    max_align_t align;
} owned_header;

char *oti_hand_over(char *s, size_t n)
{
    size_t total;
    if (__builtin_add_overflow(n, sizeof(owned_header), &total))
        return NULL;
    char *base = oti_realloc(s, total);
    if (!base)
        return NULL;
    memmove(base + sizeof(owned_header), base, n);
    owned_header h = {.free_fn = hook_free};
    memcpy(base, &h, sizeof h);
    return base + sizeof h;
}

OT_API void ot_free(void *p)
{
    if (!p)
        return;
    char *base = (char *)p - sizeof(owned_header);
    owned_header h;
    memcpy(&h, base, sizeof h);
    h.free_fn(base);
}

char *oti_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = oti_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int oti_reserve(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap < 8 ? 8 : *cap + *cap / 2;
    if (ncap < need)
        ncap = need;
    size_t bytes;
    if (__builtin_mul_overflow(ncap, elem, &bytes) || bytes > PTRDIFF_MAX)
        return -1;
    void *p = oti_realloc(*arr, bytes);
    if (!p)
        return -1;
    *arr = p;
    *cap = ncap;
    return 0;
}

#define OTI_ARENA_BLOCK 65536

int oti_arena_reserve(oti_arena *a, size_t n)
{
    if (a->nblocks > 0 && a->size - a->used >= n)
        return 0;
    if (OTI_RESERVE(a->blocks, a->capblocks, a->nblocks + 1))
        return -1;
    size_t size = n > OTI_ARENA_BLOCK ? n : OTI_ARENA_BLOCK;
    char *b = oti_malloc(size);
    if (!b)
        return -1;
    /* The new block becomes the last; what the old one had left is unused. */
    a->blocks[a->nblocks++] = b;
    a->used = 0;
    a->size = size;
    return 0;
}

const char *oti_arena_put(oti_arena *a, const char *s, size_t n)
{
    char *d = a->blocks[a->nblocks - 1] + a->used;
    memcpy(d, s, n);
    a->used += n;
    return d;
}

void oti_arena_free(oti_arena *a)
{
    for (size_t i = 0; i < a->nblocks; i++)
        oti_free(a->blocks[i]);
    oti_free(a->blocks);
    memset(a, 0, sizeof *a);
}
