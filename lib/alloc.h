/* Allocation through the user's hook, and checked growth of arrays.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_ALLOC_H
#define OTI_ALLOC_H

#include <stddef.h>

void *oti_malloc(size_t n);
void *oti_realloc(void *p, size_t n);
void oti_free(void *p);
char *oti_strdup(const char *s);

/* Turn the n bytes at s (an oti_malloc block) into a buffer for the caller,
 * released with ot_free() by the free function of the hook in force now.
 * Returns the caller's pointer, or NULL (s untouched) when out of memory.
 * Every buffer a public function returns goes through here. */
char *oti_hand_over(char *s, size_t n);

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

/* Strings in blocks that never move: one allocation per block instead of
 * one per string, and the pointers handed out stay valid until the arena
 * is freed. */
typedef struct oti_arena {
    char **blocks;
    size_t nblocks, capblocks;
    size_t used, size; /* of the last block */
} oti_arena;

/* Room for n more bytes in the last block. 0, or -1 (nothing changed but
 * capacity). */
int oti_arena_reserve(oti_arena *a, size_t n);
/* Copy n bytes (room reserved) and return the copy. */
const char *oti_arena_put(oti_arena *a, const char *s, size_t n);
void oti_arena_free(oti_arena *a);

#endif
