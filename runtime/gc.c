/* gc.c: allocation and a precise, non-moving mark-sweep collector.
 *
 * Every object is threaded on vm->objects. Marking uses an explicit gray
 * stack (vm->gray) so that a deeply nested structure never recurses on the C
 * stack. Buffers owned by objects (list items, dict tables, code arrays) are
 * counted in bytes_allocated and freed when their owner is swept. */
#include <stdlib.h>
#include <sys/mman.h>

#include "vm.h"

typedef struct GcPool GcPool;

/* Bytes of the object itself (header included), as it was allocated. */
static size_t obj_size(Obj *o) {
    switch ((ObjKind)o->kind) {
#define X(k, s)                                                                \
    case OBJ_##k:                                                              \
        return sizeof(s);
        OBJ_KIND_LIST(X)
#undef X
    case OBJ_KIND_COUNT:
        break;
    }
    return 0;
}

static size_t obj_full_size(Obj *o) {
    if (o->kind == OBJ_STR) return sizeof(Str) + (size_t)((Str *)o)->len + 1;
    if (o->kind == OBJ_TUPLE) return sizeof(Tuple) + (size_t)((Tuple *)o)->len * sizeof(Value);
    if (o->kind == OBJ_INSTANCE) return sizeof(Instance) + ((Instance *)o)->ninline * sizeof(Value);
    return obj_size(o);
}

static void heap_sub(VM *vm, size_t n) {
    vm->bytes_allocated = vm->bytes_allocated > n ? vm->bytes_allocated - n : 0;
}

/* ---- small-object pool -------------------------------------------------- *
 *
 * Requests of at most POOL_MAX bytes (objects and buffers alike) come from
 * size classes of 16-byte steps. Each class carves cells from 64 KiB pages
 * and keeps a free list of the cells the sweep returned. All pages lie in one
 * address range reserved up front, so whether a pointer is pooled is a range
 * check and a page's class is in a side table (page_class): callers need not
 * say how big the block they free was, and cells start at the page's first
 * byte, so a 64-byte cell fills exactly one cache line. When the range is used up (or could not be
 * reserved) allocation falls back to malloc, as it always does for bigger
 * requests. Pages are never returned to the system before vm_free. Under
 * AddressSanitizer the pool is off, so every block stays visible to it. */

#if defined(__SANITIZE_ADDRESS__)
#define POOL_ENABLED 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_ENABLED 0
#endif
#endif
#ifndef POOL_ENABLED
#define POOL_ENABLED 1
#endif

#define POOL_MAX 256
#define POOL_CLASSES (POOL_MAX / 16 + 1) /* class c holds cells of c*16 bytes */
#define PAGE_BITS 16
#define PAGE_SIZE ((size_t)1 << PAGE_BITS)
#define ARENA_MIN ((size_t)64 << 20)
#define ARENA_MAX ((size_t)32 << 30)

typedef struct FreeCell {
    struct FreeCell *next;
} FreeCell;

struct GcPool {
    char *map;                   /* the mmap'd range, for munmap */
    size_t map_size;
    char *lo, *hi;               /* page-aligned usable part */
    char *next_page;             /* pages below this have been handed out */
    uint8_t *page_class;         /* class of each page, by (p - lo) >> PAGE_BITS */
    FreeCell *free[POOL_CLASSES];
    char *bump[POOL_CLASSES];    /* uncarved rest of each class's newest page */
    char *bump_end[POOL_CLASSES];
};

static unsigned size_class(size_t size) { return size ? (unsigned)((size + 15) >> 4) : 1; }

/* Reserve address space for twice the heap limit (pages are not shared
 * between classes, so the pool may need more than the limit); the kernel
 * backs it lazily. Halve the request while the system refuses. */
static GcPool *pool_new(VM *vm) {
    GcPool *pl = calloc(1, sizeof *pl);
    if (!pl) return NULL;
    size_t want = vm->opt.heap_limit < ARENA_MAX / 2 ? vm->opt.heap_limit * 2 : ARENA_MAX;
    if (want < ARENA_MIN) want = ARENA_MIN;
    for (; want >= ARENA_MIN; want /= 2) {
        void *m = mmap(NULL, want + PAGE_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (m == MAP_FAILED) continue;
        pl->map = m;
        pl->map_size = want + PAGE_SIZE;
        pl->lo = (char *)(((uintptr_t)m + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1));
        pl->hi = pl->lo + want;
        pl->page_class = calloc(want >> PAGE_BITS, 1);
        if (!pl->page_class) {
            munmap(m, want + PAGE_SIZE);
            pl->map = pl->lo = pl->hi = NULL;
        }
        break;
    }
    pl->next_page = pl->lo;
    vm->pool = pl;
    return pl;
}

static void pool_delete(VM *vm) {
    GcPool *pl = vm->pool;
    if (!pl) return;
    if (pl->map) munmap(pl->map, pl->map_size);
    free(pl->page_class);
    free(pl);
    vm->pool = NULL;
}

static bool pool_owns(const GcPool *pl, const void *p) {
    return pl && (const char *)p >= pl->lo && (const char *)p < pl->next_page;
}

static unsigned pool_class_of(const GcPool *pl, const void *p) {
    return pl->page_class[(size_t)((const char *)p - pl->lo) >> PAGE_BITS];
}

/* A new page for class c; false when the reserved range is used up. */
static bool pool_new_page(GcPool *pl, unsigned c) {
    if (!pl->next_page || (size_t)(pl->hi - pl->next_page) < PAGE_SIZE) return false;
    char *page = pl->next_page;
    pl->next_page += PAGE_SIZE;
    pl->page_class[(size_t)(page - pl->lo) >> PAGE_BITS] = (uint8_t)c;
    pl->bump[c] = page;
    pl->bump_end[c] = page + PAGE_SIZE;
    return true;
}

/* A cell of class c, or NULL when the pool cannot grow. */
static void *pool_take(GcPool *pl, unsigned c) {
    FreeCell *cell = pl->free[c];
    if (cell) {
        pl->free[c] = cell->next;
        return cell;
    }
    size_t n = (size_t)c << 4;
    if ((size_t)(pl->bump_end[c] - pl->bump[c]) < n && !pool_new_page(pl, c)) return NULL;
    void *p = pl->bump[c];
    pl->bump[c] += n;
    return p;
}

static void pool_give(GcPool *pl, void *p) {
    unsigned c = pool_class_of(pl, p);
    FreeCell *cell = p;
    cell->next = pl->free[c];
    pl->free[c] = cell;
}

/* malloc/realloc with one collect-and-retry when the system says no. */
static void *sys_alloc(VM *vm, void *old, size_t size, bool zero) {
    for (int attempt = 0; attempt < 2; attempt++) {
        void *p = old ? realloc(old, size) : zero ? calloc(1, size) : malloc(size);
        if (p) return p;
        if (attempt == 0 && vm->gc_pause <= 0) gc_collect(vm);
    }
    vm_raise_oom(vm);
    return NULL;
}

/* `size` bytes from the pool or malloc; zeroed when asked. NULL with
 * MemoryError raised when the system is out of memory. */
static void *raw_alloc(VM *vm, size_t size, bool zero) {
    if (POOL_ENABLED && size <= POOL_MAX) {
        GcPool *pl = vm->pool ? vm->pool : pool_new(vm);
        void *p = pl ? pool_take(pl, size_class(size)) : NULL;
        if (p) {
            if (zero) memset(p, 0, size);
            return p;
        }
    }
    return sys_alloc(vm, NULL, size ? size : 1, zero);
}

/* Release a block from raw_alloc (or a buffer from gc_buf_*). Inline: the
 * sweep calls it for every dead object. */
static inline __attribute__((always_inline)) void raw_free(VM *vm, void *p) {
    if (pool_owns(vm->pool, p)) pool_give(vm->pool, p);
    else free(p);
}

/* ---- marking ------------------------------------------------------------ */

static void gray_push(VM *vm, Obj *o) {
    if (vm->ngray == vm->gray_cap) {
        size_t cap = vm->gray_cap ? vm->gray_cap * 2 : 1024;
        Obj **g = realloc(vm->gray, cap * sizeof *g);
        if (!g) {
            fputs("stitch: out of memory while collecting garbage\n", stderr);
            abort();
        }
        vm->gray = g;
        vm->gray_cap = cap;
    }
    vm->gray[vm->ngray++] = o;
}

static void mark_obj(VM *vm, void *p) {
    Obj *o = p;
    if (!o || o->marked) return;
    o->marked = 1;
    gray_push(vm, o);
}

void gc_mark_value(VM *vm, Value v) {
    if (val_is_obj(v) && (v & VAL_PAYLOAD)) mark_obj(vm, val_as_obj(v));
}

static void mark_values(VM *vm, const Value *v, int64_t n) {
    for (int64_t i = 0; i < n; i++) gc_mark_value(vm, v[i]);
}

/* Gray -> black: mark everything o refers to. */
static void trace(VM *vm, Obj *o) {
    mark_obj(vm, o->type);
    switch ((ObjKind)o->kind) {
    case OBJ_STR:
    case OBJ_BIGINT:
    case OBJ_RANGE:
    case OBJ_KIND_COUNT:
        break;
    case OBJ_TUPLE: {
        Tuple *t = (Tuple *)o;
        mark_values(vm, t->items, t->len);
        break;
    }
    case OBJ_LIST: {
        List *l = (List *)o;
        if (l->items) mark_values(vm, l->items, l->len);
        mark_obj(vm, l->attrs);
        break;
    }
    case OBJ_SET: {
        Set *st = (Set *)o;
        for (int64_t i = 0; st->table && i <= st->mask; i++) gc_mark_value(vm, st->table[i].key);
        break;
    }
    case OBJ_DICT: {
        Dict *d = (Dict *)o;
        for (int64_t i = 0; d->entries && i < d->used; i++) {
            gc_mark_value(vm, d->entries[i].key);
            gc_mark_value(vm, d->entries[i].value);
        }
        mark_obj(vm, d->attrs);
        break;
    }
    case OBJ_SLICE: {
        Slice *s = (Slice *)o;
        gc_mark_value(vm, s->start);
        gc_mark_value(vm, s->stop);
        gc_mark_value(vm, s->step);
        break;
    }
    case OBJ_ITER: {
        Iter *it = (Iter *)o;
        gc_mark_value(vm, it->src);
        gc_mark_value(vm, it->aux);
        break;
    }
    case OBJ_CODE: {
        Code *c = (Code *)o;
        mark_obj(vm, c->consts);
        mark_obj(vm, c->names);
        mark_obj(vm, c->varnames);
        mark_obj(vm, c->cellnames);
        mark_obj(vm, c->name);
        mark_obj(vm, c->qualname);
        mark_obj(vm, c->filename);
        mark_obj(vm, c->doc);
        break;
    }
    case OBJ_FUNCTION: {
        Function *f = (Function *)o;
        mark_obj(vm, f->code);
        mark_obj(vm, f->globals);
        mark_obj(vm, f->defaults);
        mark_obj(vm, f->closure);
        mark_obj(vm, f->name);
        mark_obj(vm, f->qualname);
        mark_obj(vm, f->owner);
        mark_obj(vm, f->kwdefaults);
        mark_obj(vm, f->dict);
        break;
    }
    case OBJ_NATIVE:
        gc_mark_value(vm, ((Native *)o)->self);
        break;
    case OBJ_METHOD:
        gc_mark_value(vm, ((Method *)o)->self);
        gc_mark_value(vm, ((Method *)o)->func);
        break;
    case OBJ_TYPE: {
        Type *t = (Type *)o;
        mark_obj(vm, t->name);
        mark_obj(vm, t->base);
        mark_obj(vm, t->dict);
        mark_obj(vm, t->bases);
        mark_obj(vm, t->mro);
        for (uint32_t i = 0; i < t->nattrs; i++) mark_obj(vm, t->attr_names[i]);
        break;
    }
    case OBJ_INSTANCE: {
        Instance *i = (Instance *)o;
        mark_values(vm, i->slots, i->nslots);
        mark_obj(vm, i->overflow);
        break;
    }
    case OBJ_EXCEPTION: {
        Exception *e = (Exception *)o;
        mark_values(vm, e->slots, e->nslots);
        mark_obj(vm, e->overflow);
        mark_obj(vm, e->args);
        mark_obj(vm, e->traceback);
        gc_mark_value(vm, e->cause);
        gc_mark_value(vm, e->context);
        break;
    }
    case OBJ_CELL:
        gc_mark_value(vm, ((Cell *)o)->value);
        break;
    case OBJ_DESCR:
        gc_mark_value(vm, ((Descr *)o)->fget);
        gc_mark_value(vm, ((Descr *)o)->fset);
        gc_mark_value(vm, ((Descr *)o)->fdel);
        gc_mark_value(vm, ((Descr *)o)->name);
        break;
    case OBJ_GEN: {
        Generator *g = (Generator *)o;
        mark_obj(vm, g->func);
        gc_mark_value(vm, g->handled);
        gc_mark_value(vm, g->caller_handled);
        gc_mark_value(vm, g->caller_outer);
        if (g->saved) mark_values(vm, g->saved, g->nsaved);
        break;
    }
    case OBJ_MODULE:
        mark_obj(vm, ((ModuleObj *)o)->name);
        mark_obj(vm, ((ModuleObj *)o)->dict);
        mark_obj(vm, ((ModuleObj *)o)->file);
        break;
    }
}

static void mark_roots(VM *vm) {
    if (vm->stack && vm->stack_top) mark_values(vm, vm->stack, vm->stack_top - vm->stack);
    for (int i = 0; i < vm->nframes; i++) {
        Frame *f = &vm->frames[i];
        mark_obj(vm, f->code);
        mark_obj(vm, f->func);
        mark_obj(vm, f->globals);
        mark_obj(vm, f->locals_dict);
        if (f->flags & FRAME_GEN) mark_obj(vm, f->gen);
    }
    gc_mark_value(vm, vm->exc);
    gc_mark_value(vm, vm->handled);
    gc_mark_value(vm, vm->handled_outer);
    gc_mark_value(vm, vm->memory_error);
    gc_mark_value(vm, vm->not_implemented);
    mark_obj(vm, vm->builtins);
    mark_obj(vm, vm->globals);
    mark_obj(vm, vm->interned);
    mark_obj(vm, vm->modules);
    for (int i = 0; i < T_COUNT; i++) mark_obj(vm, vm->types[i]);
    for (int i = 0; i < NAME_COUNT; i++) mark_obj(vm, vm->names[i]);
    for (int i = 0; i < BINOP_COUNT; i++) {
        mark_obj(vm, vm->binop_names[i]);
        mark_obj(vm, vm->rbinop_names[i]);
        mark_obj(vm, vm->ibinop_names[i]);
    }
    for (int i = 0; i < CMP_COUNT; i++) mark_obj(vm, vm->cmp_names[i]);
    mark_obj(vm, vm->empty_str);
    for (int i = 0; i < 128; i++) mark_obj(vm, vm->chars[i]);
    mark_obj(vm, vm->empty_tuple);
    mark_values(vm, vm->roots, vm->nroots);
    for (int i = 0; i < vm->repr_depth; i++) mark_obj(vm, vm->repr_stack[i]);
    if (vm->jit) vm->jit->mark(vm);
}

/* ---- sweeping ----------------------------------------------------------- */

/* Free o and everything it owns; returns the bytes released. */
static size_t free_obj(VM *vm, Obj *o) {
    size_t n = obj_full_size(o);
    switch ((ObjKind)o->kind) {
    case OBJ_LIST: {
        List *l = (List *)o;
        n += (size_t)l->cap * sizeof(Value);
        raw_free(vm, l->items);
        break;
    }
    case OBJ_GEN: {
        Generator *g = (Generator *)o;
        n += (size_t)g->cap * sizeof(Value);
        raw_free(vm, g->saved);
        break;
    }
    case OBJ_SET: {
        Set *st = (Set *)o;
        if (st->table) n += (size_t)(st->mask + 1) * sizeof(SetEntry);
        raw_free(vm, st->table);
        break;
    }
    case OBJ_DICT: {
        Dict *d = (Dict *)o;
        n += (size_t)d->index_cap * sizeof(int32_t) + (size_t)d->cap * sizeof(DictEntry);
        raw_free(vm, d->index);
        raw_free(vm, d->entries);
        break;
    }
    case OBJ_CODE: {
        /* The compiler allocates these with gc_buf_alloc, sized exactly. */
        Code *c = (Code *)o;
        code_forget(vm, c);
        n += (size_t)c->ncode * (sizeof(uint16_t) + 2 * sizeof(int32_t));
        n += (size_t)c->nexc * sizeof(ExcEntry);
        raw_free(vm, c->code);
        raw_free(vm, c->lines);
        raw_free(vm, c->cols);
        raw_free(vm, c->exctable);
        break;
    }
    case OBJ_TYPE:
        free(((Type *)o)->dunders);
        break;
    case OBJ_BIGINT: {
        BigInt *b = (BigInt *)o;
        n += mpz_size(b->z) * sizeof(mp_limb_t);
        mpz_clear(b->z);
        break;
    }
    case OBJ_INSTANCE:
    case OBJ_EXCEPTION: {
        /* Slots outgrew the inline ones: they are in a gc_buf buffer. */
        Instance *i = (Instance *)o;
        if (i->nslots > i->ninline) {
            n += (size_t)i->nslots * sizeof(Value);
            raw_free(vm, i->slots);
        }
        break;
    }
    default:
        break;
    }
    raw_free(vm, o);
    return n;
}

static void sweep(VM *vm) {
    Obj **link = &vm->objects;
    size_t freed = 0;
    while (*link) {
        Obj *o = *link;
        if (o->marked) {
            o->marked = 0;
            link = &o->next;
        } else {
            *link = o->next;
            freed += free_obj(vm, o);
        }
    }
    heap_sub(vm, freed);
}

void gc_collect(VM *vm) {
    vm->ngray = 0;
    vm->nspare_iters = 0;   /* garbage: the sweep may free them */
    mark_roots(vm);
    while (vm->ngray > 0) trace(vm, vm->gray[--vm->ngray]);
    sweep(vm);
    /* Slots above the stack top were not scanned and may now point at freed
     * objects: frames pushed over them must clear them first. */
    vm->stack_hwm = vm->stack_top;
    vm->gc_runs++;
    /* The next collection comes after twice the live heap has been
     * allocated: each collection re-marks the whole live set and sweeps
     * every object, so the work per allocated byte is about live / (next -
     * live). At 2x live (the earlier pacing) a large live set was re-marked
     * twice as often, and each walk of the heap misses the cache. */
    size_t next = vm->bytes_allocated * 3;
    vm->next_gc = next > vm->gc_floor ? next : vm->gc_floor;
}

/* Called before every allocation of `size` more bytes. Returns false (with
 * MemoryError raised) when the request would exceed the heap limit even
 * after a collection. */
static bool before_alloc(VM *vm, size_t size) {
    bool may_collect = vm->gc_pause <= 0;
    if (may_collect && (vm->opt.gc_stress || vm->bytes_allocated + size > vm->next_gc))
        gc_collect(vm);
    if (size > vm->opt.heap_limit || vm->bytes_allocated + size > vm->opt.heap_limit) {
        if (may_collect && !vm->opt.gc_stress) gc_collect(vm);
        if (size > vm->opt.heap_limit || vm->bytes_allocated + size > vm->opt.heap_limit) {
            vm_raise_oom(vm);
            return false;
        }
    }
    return true;
}

static void *link_obj(VM *vm, Obj *o, size_t size, ObjKind kind, Type *type) {
    o->type = type;
    o->kind = (uint8_t)kind;
    o->next = vm->objects;
    vm->objects = o;
    vm->bytes_allocated += size;
    return o;
}

static __attribute__((noinline)) void *gc_alloc_slow(VM *vm, size_t size, ObjKind kind,
                                                     Type *type) {
    if (!before_alloc(vm, size)) return NULL;
    Obj *o = raw_alloc(vm, size, true);
    return o ? link_obj(vm, o, size, kind, type) : NULL;
}

/* The common case of an allocation, inline: a pooled size, no collection
 * due, and a cell on the class's free list or in its bump page. NULL sends
 * the caller to the general path (the first allocation, a collection, a new
 * page, big blocks, GC stress, the heap limit), which raises no error here. */
static inline void *alloc_fast(VM *vm, size_t size) {
    GcPool *pl = vm->pool;
    size_t after = vm->bytes_allocated + size;
    if (!POOL_ENABLED || !pl || size > POOL_MAX || after > vm->next_gc ||
        after > vm->opt.heap_limit || vm->opt.gc_stress)
        return NULL;
    unsigned c = size_class(size);
    FreeCell *cell = pl->free[c];
    if (cell) {
        pl->free[c] = cell->next;
        return cell;
    }
    size_t n = (size_t)c << 4;
    if ((size_t)(pl->bump_end[c] - pl->bump[c]) < n) return NULL;
    void *p = pl->bump[c];
    pl->bump[c] += n;
    return p;
}

void *gc_alloc(VM *vm, size_t size, ObjKind kind, Type *type) {
    void *p = alloc_fast(vm, size);
    if (!p) return gc_alloc_slow(vm, size, kind, type);
    memset(p, 0, size);
    return link_obj(vm, p, size, kind, type);
}

void *gc_buf_alloc(VM *vm, size_t size) {
    void *p = alloc_fast(vm, size);
    if (p) {
        vm->bytes_allocated += size;
        return p;
    }
    if (!before_alloc(vm, size)) return NULL;
    p = raw_alloc(vm, size, false);
    if (p) vm->bytes_allocated += size;
    return p;
}

/* Pooled blocks stay put while the size class does not change and move
 * (between classes, or out to malloc) when it does; malloc'd blocks that stay
 * big are realloc'd. */
void *gc_buf_realloc(VM *vm, void *p, size_t old_size, size_t new_size) {
    if (new_size > old_size && !before_alloc(vm, new_size - old_size)) return NULL;
    bool pooled = p && pool_owns(vm->pool, p);
    void *q;
    if (p && !pooled && (new_size > POOL_MAX || !POOL_ENABLED)) {
        q = sys_alloc(vm, p, new_size ? new_size : 1, false);
    } else if (pooled && size_class(new_size) == pool_class_of(vm->pool, p)) {
        q = p;
    } else {
        q = raw_alloc(vm, new_size, false);
        if (q && p) {
            size_t n = old_size < new_size ? old_size : new_size;
            size_t cell = pooled ? (size_t)pool_class_of(vm->pool, p) << 4 : n;
            memcpy(q, p, n < cell ? n : cell);
            raw_free(vm, p);
        }
    }
    if (!q) return NULL;
    heap_sub(vm, old_size);
    vm->bytes_allocated += new_size;
    return q;
}

void gc_buf_free(VM *vm, void *p, size_t size) {
    if (p) raw_free(vm, p);
    heap_sub(vm, size);
}

/* Count memory owned outside gc_alloc/gc_buf_alloc (GMP limbs) so that the
 * heap limit and the collection pacing see it. */
void gc_account(VM *vm, size_t size) { vm->bytes_allocated += size; }

void gc_grow_roots(VM *vm) {
    int cap = vm->roots_cap ? vm->roots_cap * 2 : 64;
    Value *r = realloc(vm->roots, (size_t)cap * sizeof *r);
    if (!r) {
        fputs("stitch: out of memory (GC root stack)\n", stderr);
        abort();
    }
    vm->roots = r;
    vm->roots_cap = cap;
}

/* Free every object regardless of reachability (vm_free). */
void gc_free_all(VM *vm) {
    Obj *o = vm->objects;
    while (o) {
        Obj *next = o->next;
        free_obj(vm, o);
        o = next;
    }
    pool_delete(vm);
    vm->objects = NULL;
    vm->bytes_allocated = 0;
    free(vm->gray);
    vm->gray = NULL;
    vm->ngray = vm->gray_cap = 0;
}
