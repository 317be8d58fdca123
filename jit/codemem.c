/* codemem.c: the W^X code arena (see codemem.h). */
#include "codemem.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

struct CodeMem {
    uint8_t *base;
    size_t cap;
    size_t used;
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

CodeMem *codemem_new(size_t cap) {
    CodeMem *cm = calloc(1, sizeof *cm);
    if (!cm) return NULL;
    cm->page = (size_t)sysconf(_SC_PAGESIZE);
    cm->cap = (cap + cm->page - 1) & ~(cm->page - 1);
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

/* The page-aligned range covering [p, p + n). */
static void page_range(const CodeMem *cm, uint8_t *p, size_t n, uint8_t **start, size_t *len) {
    uintptr_t a = (uintptr_t)p & ~(uintptr_t)(cm->page - 1);
    uintptr_t b = ((uintptr_t)p + n + cm->page - 1) & ~(uintptr_t)(cm->page - 1);
    *start = (uint8_t *)a;
    *len = b - a;
}

uint8_t *codemem_alloc(CodeMem *cm, size_t n) {
    size_t at = (cm->used + 15) & ~(size_t)15;
    if (n == 0 || n > cm->cap || at > cm->cap - n) return NULL;
    uint8_t *p = cm->base + at, *start;
    size_t len;
    page_range(cm, p, n, &start, &len);
    if (mprotect(start, len, PROT_READ | PROT_WRITE) != 0) return NULL;
    cm->used = at + n;
    return p;
}

int codemem_seal(CodeMem *cm, uint8_t *p, size_t n) {
    uint8_t *start;
    size_t len;
    page_range(cm, p, n, &start, &len);
    return mprotect(start, len, PROT_READ | PROT_EXEC) == 0 ? 0 : -1;
}

void codemem_reset(CodeMem *cm) {
    if (cm->used) {
        uint8_t *start;
        size_t len;
        page_range(cm, cm->base, cm->used, &start, &len);
        mprotect(start, len, PROT_NONE);
        madvise(start, len, MADV_DONTNEED);
    }
    cm->used = 0;
}

size_t codemem_used(const CodeMem *cm) { return cm->used; }
size_t codemem_cap(const CodeMem *cm) { return cm->cap; }

int codemem_contains(const CodeMem *cm, const void *p) {
    return (const uint8_t *)p >= cm->base && (const uint8_t *)p < cm->base + cm->cap;
}
