/* The store's checksum chain (docs/store.md, "The checksum chain").
 *
 * Every journal row carries hash(previous row's hash, the row's content);
 * the first row's "previous" is the genesis, the hash of the stored
 * configuration, so a changed parameter breaks the chain too. A checkpoint
 * records its seal: the chain's hash of the entry it follows (the chain
 * head it covers) linked with its entry number and its state's digest, so
 * a checkpoint moved to another entry, or given another's snapshot and
 * digest, no longer matches the journal.
 *
 * The content is hashed generically: every column of the row as SQLite
 * holds it, each as a type tag and its value in a fixed byte order (below),
 * never the bytes of SQLite's pages. So a VACUUM, another page size or a
 * copy through the backup API keep the chain, and a change of the journal's
 * columns needs no change here.
 *
 * The hash is BLAKE2b (libsodium's crypto_generichash) with a 16-byte
 * output (OTI_CHAIN_BYTES): the chain is there to find damage and edits,
 * not to resist a forger (it is no signature: whoever can rewrite the file
 * can rewrite the chain), and 128 bits leave a chance of 2^-128 that a
 * change goes unseen while keeping a row's input within one 128-byte block
 * of BLAKE2b. Rows store a prefix of their link, anchors all of it
 * (OTI_CHAIN_SHORT, lib/store.h).
 * SPDX-License-Identifier: MIT */
#include "store_chain.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* What every chain starts from before the configuration: names the scheme,
 * so that no other use of BLAKE2b over the same bytes gives the same
 * genesis. */
static const char DOMAIN[] = "orgtrust journal chain, format 2";

/* The tables the configuration lives in (their rows, in the order of their
 * first column, make the genesis). */
static const char *const CONFIG_TABLES[] = {"orgtrust_config", "orgtrust_layer"};

/* Type tags of the canonical encoding. */
enum { TAG_NULL = 0, TAG_INTEGER = 1, TAG_FLOAT = 2, TAG_TEXT = 3, TAG_BLOB = 4 };

/* The encoding is written into a small buffer. A row's encoding (about
 * 115 bytes) fits in it, and is hashed with one call (one BLAKE2b
 * compression, no state kept). Longer ones (long names) are handed to
 * BLAKE2b in pieces of the buffer's size, long texts and blobs straight
 * through: the same bytes, so the same hash. */
typedef struct enc {
    int streaming; /* st holds what was flushed so far */
    size_t n;
    uint8_t buf[256];
    crypto_generichash_state st;
} enc;

static void enc_flush(enc *e)
{
    if (!e->streaming) {
        crypto_generichash_init(&e->st, NULL, 0, OTI_CHAIN_BYTES);
        e->streaming = 1;
    }
    crypto_generichash_update(&e->st, e->buf, e->n);
    e->n = 0;
}

static void enc_put(enc *e, const void *p, size_t n)
{
    if (e->n + n > sizeof e->buf) {
        enc_flush(e);
        if (n > sizeof e->buf) {
            crypto_generichash_update(&e->st, p, n);
            return;
        }
    }
    memcpy(e->buf + e->n, p, n);
    e->n += n;
}

/* Big-endian, whatever the machine; the byte order is part of the format. */
static void enc_u64(enc *e, uint64_t v)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (56 - 8 * i)); /* GCC makes this one byte swap */
    enc_put(e, b, 8);
}

static void enc_tag(enc *e, int tag)
{
    uint8_t t = (uint8_t)tag;
    enc_put(e, &t, 1);
}

/* One row: its column count, then each column as tag and value. */
static void enc_row(enc *e, const oti_cell *cells, size_t n)
{
    enc_u64(e, n);
    for (size_t i = 0; i < n; i++) {
        const oti_cell *c = &cells[i];
        switch (c->type) {
        case SQLITE_INTEGER:
            enc_tag(e, TAG_INTEGER);
            enc_u64(e, (uint64_t)c->i);
            break;
        case SQLITE_FLOAT: {
            uint64_t bits;
            memcpy(&bits, &c->f, sizeof bits);
            enc_tag(e, TAG_FLOAT);
            enc_u64(e, bits);
            break;
        }
        case SQLITE_TEXT:
        case SQLITE_BLOB:
            enc_tag(e, c->type == SQLITE_TEXT ? TAG_TEXT : TAG_BLOB);
            enc_u64(e, c->n);
            if (c->n)
                enc_put(e, c->p, c->n);
            break;
        default: enc_tag(e, TAG_NULL); break;
        }
    }
}

static void enc_begin(enc *e)
{
    e->streaming = 0;
    e->n = 0;
}

static void enc_end(enc *e, uint8_t out[OTI_CHAIN_BYTES])
{
    if (!e->streaming) {
        crypto_generichash(out, OTI_CHAIN_BYTES, e->buf, e->n, NULL, 0);
        return;
    }
    enc_flush(e);
    crypto_generichash_final(&e->st, out, OTI_CHAIN_BYTES);
}

int oti_chain_ready(void)
{
    /* libsodium picks its implementations once; idempotent and thread-safe. */
    return sodium_init() >= 0 ? OT_OK : OT_EIO;
}

void oti_chain_link(const uint8_t prev[OTI_CHAIN_BYTES], const oti_cell *cells, size_t n,
                    uint8_t out[OTI_CHAIN_BYTES])
{
    enc e;
    enc_begin(&e);
    enc_put(&e, prev, OTI_CHAIN_BYTES);
    enc_row(&e, cells, n);
    enc_end(&e, out);
}

void oti_chain_seal(const uint8_t head[OTI_CHAIN_BYTES], uint64_t seq, uint64_t digest, uint8_t out[OTI_CHAIN_BYTES])
{
    const oti_cell cells[2] = {{.type = SQLITE_INTEGER, .i = (sqlite3_int64)seq},
                               {.type = SQLITE_INTEGER, .i = (sqlite3_int64)digest}};
    oti_chain_link(head, cells, 2, out);
}

void oti_chain_cells(sqlite3_stmt *st, int first, size_t n, oti_cell *cells)
{
    for (size_t i = 0; i < n; i++) {
        int col = first + (int)i;
        oti_cell *c = &cells[i];
        c->type = sqlite3_column_type(st, col);
        c->i = 0;
        c->f = 0;
        c->p = NULL;
        c->n = 0;
        switch (c->type) {
        case SQLITE_INTEGER: c->i = sqlite3_column_int64(st, col); break;
        case SQLITE_FLOAT: c->f = sqlite3_column_double(st, col); break;
        case SQLITE_TEXT:
            c->p = sqlite3_column_text(st, col);
            c->n = (size_t)sqlite3_column_bytes(st, col);
            break;
        case SQLITE_BLOB:
            c->p = sqlite3_column_blob(st, col);
            c->n = (size_t)sqlite3_column_bytes(st, col);
            break;
        default: c->type = SQLITE_NULL; break;
        }
        if (!c->p && (c->type == SQLITE_TEXT || c->type == SQLITE_BLOB))
            c->n = 0; /* an empty value (or out of memory: then the hash differs and says so) */
    }
}

int oti_chain_bind(sqlite3_stmt *st, int col, const oti_cell *c)
{
    switch (c->type) {
    case SQLITE_INTEGER: return sqlite3_bind_int64(st, col, c->i);
    case SQLITE_FLOAT: return sqlite3_bind_double(st, col, c->f);
    case SQLITE_TEXT: return sqlite3_bind_text64(st, col, c->p, c->n, SQLITE_STATIC, SQLITE_UTF8);
    case SQLITE_BLOB: return sqlite3_bind_blob64(st, col, c->p, c->n, SQLITE_STATIC);
    default: return sqlite3_bind_null(st, col);
    }
}

int oti_chain_genesis(sqlite3 *db, uint8_t out[OTI_CHAIN_BYTES])
{
    enc e;
    enc_begin(&e);
    enc_put(&e, DOMAIN, sizeof DOMAIN);
    int rc = SQLITE_OK;
    for (size_t t = 0; t < sizeof CONFIG_TABLES / sizeof CONFIG_TABLES[0] && rc == SQLITE_OK; t++) {
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1", CONFIG_TABLES[t]);
        sqlite3_stmt *st = NULL;
        if ((rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL)) != SQLITE_OK) {
            sqlite3_finalize(st);
            break;
        }
        enc_put(&e, CONFIG_TABLES[t], strlen(CONFIG_TABLES[t]) + 1);
        oti_cell cells[16];
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            size_t n = (size_t)sqlite3_column_count(st);
            if (n > sizeof cells / sizeof cells[0])
                n = sizeof cells / sizeof cells[0];
            oti_chain_cells(st, 0, n, cells);
            enc_row(&e, cells, n);
        }
        rc = step == SQLITE_DONE ? SQLITE_OK : step;
        sqlite3_finalize(st);
    }
    enc_end(&e, out);
    return rc;
}

void oti_chain_hex(const uint8_t h[OTI_CHAIN_BYTES], char out[2 * OTI_CHAIN_BYTES + 1])
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < OTI_CHAIN_BYTES; i++) {
        out[2 * i] = digits[h[i] >> 4];
        out[2 * i + 1] = digits[h[i] & 15];
    }
    out[(size_t)2 * OTI_CHAIN_BYTES] = '\0';
}
