/* codemem.c: the W^X code arena (see codemem.h).
 *
 * Arena layout: [sealed pieces, RX][pieces being filled, RW][committed but
 * unused, RW][reserved, PROT_NONE]. Because every piece starts on a fresh
 * page, a trace costs one mprotect (RW -> RX) and adjacent sealed pieces
 * merge into one mapping, so the kernel's mapping count stays at three. */
#include "codemem.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* Pages are made writable this many bytes at a time, ahead of use. */
#define COMMIT_CHUNK ((size_t)256 << 10)

struct CodeMem {
    uint8_t *base;
    size_t cap;
    size_t used;      /* bump pointer, a multiple of the page size */
    size_t last;      /* where the latest piece starts */
    size_t committed; /* [base, base + committed) is RW or sealed RX */
    size_t page;
};

/* Below the binary's text: in a PIE process that range is usually free, and
 * code there reaches the runtime's functions with a rel32 call, so no
 * trampoline is needed. The kernel treats it as a hint only. */
static void *near_binary(size_t cap) {
    uintptr_t text = (uintptr_t)&codemem_new;
    uintptr_t gap = (uintptr_t)64 << 20;
    if (text < cap + gap + ((uintptr_t)1 << 32)) return NULL;
    return (void *)((text - cap - gap) & ~(uintptr_t)0xFFFFF);
}

static size_t page_up(const CodeMem *cm, size_t x) { return (x + cm->page - 1) & ~(cm->page - 1); }

CodeMem *codemem_new(size_t cap) {
    CodeMem *cm = calloc(1, sizeof *cm);
    if (!cm) return NULL;
    cm->page = (size_t)sysconf(_SC_PAGESIZE);
    cm->cap = page_up(cm, cap ? cap : 1);
    void *p = mmap(near_binary(cm->cap), cm->cap, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        free(cm);
        return NULL;
    }
    cm->base = p;
    return cm;
}

void codemem_free(CodeMem *cm) {
    if (!cm) return;
    munmap(cm->base, cm->cap);
    free(cm);
}

/* Make [committed, end) writable, a chunk or more at once, and fault the
 * pages in with one call instead of one fault per page. */
static int commit(CodeMem *cm, size_t end) {
    size_t to = end - cm->committed < COMMIT_CHUNK ? cm->committed + COMMIT_CHUNK : page_up(cm, end);
    if (to > cm->cap) to = cm->cap;
    uint8_t *p = cm->base + cm->committed;
    if (mprotect(p, to - cm->committed, PROT_READ | PROT_WRITE) != 0) return -1;
    madvise(p, to - cm->committed, MADV_POPULATE_WRITE); /* only a hint: may fail on old kernels */
    cm->committed = to;
    return 0;
}

uint8_t *codemem_alloc(CodeMem *cm, size_t n) {
    if (n == 0 || n > cm->cap - cm->used) return NULL;
    size_t end = page_up(cm, cm->used + n);
    if (end > cm->committed && commit(cm, end) != 0) return NULL;
    uint8_t *p = cm->base + cm->used;
    cm->last = cm->used;
    cm->used = end;
    return p;
}

void codemem_shrink(CodeMem *cm, uint8_t *p, size_t n) {
    if (p != cm->base + cm->last) return;
    size_t end = page_up(cm, cm->last + n);
    if (end < cm->used) cm->used = end;
}

int codemem_seal(CodeMem *cm, uint8_t *p, size_t n) {
    uintptr_t a = (uintptr_t)p & ~(uintptr_t)(cm->page - 1);
    size_t len = page_up(cm, (uintptr_t)p + n - a);
    return mprotect((void *)a, len, PROT_READ | PROT_EXEC) == 0 ? 0 : -1;
}

void codemem_reset(CodeMem *cm) {
    if (cm->committed) {
        mprotect(cm->base, cm->committed, PROT_NONE);
        madvise(cm->base, cm->committed, MADV_DONTNEED);
    }
    cm->used = cm->committed = cm->last = 0;
}

size_t codemem_used(const CodeMem *cm) { return cm->used; }
size_t codemem_cap(const CodeMem *cm) { return cm->cap; }

int codemem_contains(const CodeMem *cm, const void *p) {
    return (const uint8_t *)p >= cm->base && (const uint8_t *)p < cm->base + cm->cap;
}
