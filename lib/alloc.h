/* Allocation through the user's hook, and checked growth of arrays.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_ALLOC_H
#define OTI_ALLOC_H

#include <stddef.h>

void *oti_malloc(size_t n);
void *oti_realloc(void *p, size_t n);
void oti_free(void *p);
char *oti_strdup(const char *s);

/* Objects that pin the allocator (configs and models) register here, so
 * ot_set_allocator() can refuse while any is alive. */
void oti_pin(void);
void oti_unpin(void);

/* Make room for `need` elements of `elem` bytes in *arr (capacity *cap),
 * growing by half again. Returns 0, or -1 on overflow or allocation failure
 * (then *arr and *cap are untouched). Never changes the element count. */
int oti_reserve(void **arr, size_t *cap, size_t need, size_t elem);

#define OTI_RESERVE(arr, cap, need) \
    oti_reserve((void **)&(arr), &(cap), (need), sizeof *(arr))

#endif
