/* gc.c: allocation and a precise, non-moving mark-sweep collector.
 *
 * Every object is threaded on vm->objects. Marking uses an explicit gray
 * stack (vm->gray) so that a deeply nested structure never recurses on the C
 * stack. Buffers owned by objects (list items, dict tables, code arrays) are
 * counted in bytes_allocated and freed when their owner is swept. */
#include <stdlib.h>

#include "vm.h"

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
    return obj_size(o);
}

static void heap_sub(VM *vm, size_t n) {
    vm->bytes_allocated = vm->bytes_allocated > n ? vm->bytes_allocated - n : 0;
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
        break;
    }
    case OBJ_DICT: {
        Dict *d = (Dict *)o;
        for (int64_t i = 0; d->entries && i < d->used; i++) {
            gc_mark_value(vm, d->entries[i].key);
            gc_mark_value(vm, d->entries[i].value);
        }
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
        break;
    }
    case OBJ_INSTANCE:
        mark_obj(vm, ((Instance *)o)->dict);
        break;
    case OBJ_EXCEPTION: {
        Exception *e = (Exception *)o;
        mark_obj(vm, e->dict);
        mark_obj(vm, e->args);
        mark_obj(vm, e->traceback);
        gc_mark_value(vm, e->cause);
        gc_mark_value(vm, e->context);
        break;
    }
    case OBJ_CELL:
        gc_mark_value(vm, ((Cell *)o)->value);
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
    }
    gc_mark_value(vm, vm->exc);
    gc_mark_value(vm, vm->handled);
    gc_mark_value(vm, vm->memory_error);
    mark_obj(vm, vm->builtins);
    mark_obj(vm, vm->globals);
    mark_obj(vm, vm->interned);
    for (int i = 0; i < T_COUNT; i++) mark_obj(vm, vm->types[i]);
    for (int i = 0; i < NAME_COUNT; i++) mark_obj(vm, vm->names[i]);
    for (int i = 0; i < BINOP_COUNT; i++) {
        mark_obj(vm, vm->binop_names[i]);
        mark_obj(vm, vm->rbinop_names[i]);
    }
    for (int i = 0; i < CMP_COUNT; i++) mark_obj(vm, vm->cmp_names[i]);
    mark_obj(vm, vm->empty_str);
    mark_obj(vm, vm->empty_tuple);
    mark_values(vm, vm->roots, vm->nroots);
    for (int i = 0; i < vm->repr_depth; i++) mark_obj(vm, vm->repr_stack[i]);
}

/* ---- sweeping ----------------------------------------------------------- */

/* Free o and everything it owns; returns the bytes released. */
static size_t free_obj(Obj *o) {
    size_t n = obj_full_size(o);
    switch ((ObjKind)o->kind) {
    case OBJ_LIST: {
        List *l = (List *)o;
        n += (size_t)l->cap * sizeof(Value);
        free(l->items);
        break;
    }
    case OBJ_DICT: {
        Dict *d = (Dict *)o;
        n += (size_t)d->index_cap * sizeof(int32_t) + (size_t)d->cap * sizeof(DictEntry);
        free(d->index);
        free(d->entries);
        break;
    }
    case OBJ_CODE: {
        /* The compiler allocates these with gc_buf_alloc, sized exactly. */
        Code *c = (Code *)o;
        n += (size_t)c->ncode * (sizeof(uint16_t) + 2 * sizeof(int32_t));
        n += (size_t)c->nexc * sizeof(ExcEntry);
        free(c->code);
        free(c->lines);
        free(c->cols);
        free(c->exctable);
        break;
    }
    case OBJ_BIGINT: {
        BigInt *b = (BigInt *)o;
        n += mpz_size(b->z) * sizeof(mp_limb_t);
        mpz_clear(b->z);
        break;
    }
    default:
        break;
    }
    free(o);
    return n;
}

static void sweep(VM *vm) {
    Obj **link = &vm->objects;
    while (*link) {
        Obj *o = *link;
        if (o->marked) {
            o->marked = 0;
            link = &o->next;
        } else {
            *link = o->next;
            heap_sub(vm, free_obj(o));
        }
    }
}

void gc_collect(VM *vm) {
    vm->ngray = 0;
    mark_roots(vm);
    while (vm->ngray > 0) trace(vm, vm->gray[--vm->ngray]);
    sweep(vm);
    vm->gc_runs++;
    size_t next = vm->bytes_allocated * 2;
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

void *gc_alloc(VM *vm, size_t size, ObjKind kind, Type *type) {
    if (!before_alloc(vm, size)) return NULL;
    Obj *o = sys_alloc(vm, NULL, size, true);
    if (!o) return NULL;
    o->type = type;
    o->kind = (uint8_t)kind;
    o->next = vm->objects;
    vm->objects = o;
    vm->bytes_allocated += size;
    return o;
}

void *gc_buf_alloc(VM *vm, size_t size) {
    if (!before_alloc(vm, size)) return NULL;
    void *p = sys_alloc(vm, NULL, size ? size : 1, false);
    if (p) vm->bytes_allocated += size;
    return p;
}

void *gc_buf_realloc(VM *vm, void *p, size_t old_size, size_t new_size) {
    if (new_size > old_size && !before_alloc(vm, new_size - old_size)) return NULL;
    void *q = sys_alloc(vm, p, new_size ? new_size : 1, false);
    if (!q) return NULL;
    heap_sub(vm, old_size);
    vm->bytes_allocated += new_size;
    return q;
}

void gc_buf_free(VM *vm, void *p, size_t size) {
    free(p);
    heap_sub(vm, size);
}

/* Count memory owned outside gc_alloc/gc_buf_alloc (GMP limbs) so that the
 * heap limit and the collection pacing see it. */
void gc_account(VM *vm, size_t size) { vm->bytes_allocated += size; }

void gc_push_root(VM *vm, Value v) {
    if (vm->nroots == vm->roots_cap) {
        int cap = vm->roots_cap ? vm->roots_cap * 2 : 64;
        Value *r = realloc(vm->roots, (size_t)cap * sizeof *r);
        if (!r) {
            fputs("stitch: out of memory (GC root stack)\n", stderr);
            abort();
        }
        vm->roots = r;
        vm->roots_cap = cap;
    }
    vm->roots[vm->nroots++] = v;
}

void gc_pop_roots(VM *vm, int n) { vm->nroots -= n; }

/* Free every object regardless of reachability (vm_free). */
void gc_free_all(VM *vm) {
    Obj *o = vm->objects;
    while (o) {
        Obj *next = o->next;
        free_obj(o);
        o = next;
    }
    vm->objects = NULL;
    vm->bytes_allocated = 0;
    free(vm->gray);
    vm->gray = NULL;
    vm->ngray = vm->gray_cap = 0;
}
