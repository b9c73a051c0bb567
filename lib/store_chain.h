/* The store's checksum chain (lib/store_chain.c): links of BLAKE2b over
 * journal rows as SQLite holds them, the genesis from the configuration,
 * checkpoint seals. Internal; never installed.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_STORE_CHAIN_H
#define OTI_STORE_CHAIN_H

#include "store_db.h"

/* Make libsodium ready (once per process; later calls are free). */
int oti_chain_ready(void);
/* out = the link after prev for a row of n cells. */
void oti_chain_link(const uint8_t prev[OTI_CHAIN_BYTES], const oti_cell *cells, size_t n,
                    uint8_t out[OTI_CHAIN_BYTES]);
/* The seal a checkpoint records: head (the chain's hash of entry seq, or
 * the genesis for 0) linked with seq and the checkpoint's digest. */
void oti_chain_seal(const uint8_t head[OTI_CHAIN_BYTES], uint64_t seq, uint64_t digest, uint8_t out[OTI_CHAIN_BYTES]);
/* Columns first .. first + n - 1 of the statement's current row. The
 * cells point into the statement's row: valid until it steps on. */
void oti_chain_cells(sqlite3_stmt *st, int first, size_t n, oti_cell *cells);
/* Bind a cell to parameter col (SQLITE_STATIC: the cell's bytes must
 * outlive the statement's step). */
int oti_chain_bind(sqlite3_stmt *st, int col, const oti_cell *c);
/* The genesis: the hash of the stored configuration. The SQLite result code. */
int oti_chain_genesis(sqlite3 *db, uint8_t out[OTI_CHAIN_BYTES]);
void oti_chain_hex(const uint8_t h[OTI_CHAIN_BYTES], char out[2 * OTI_CHAIN_BYTES + 1]);

#endif
