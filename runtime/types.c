/* types.c: the builtin classes, user classes and class versions.
 *
 * Versions: a class's version changes whenever its dict, or a base's dict,
 * changes. A class cannot list its subclasses, so type_new marks a base as
 * having subclasses, and type_modified on such a base re-versions every class
 * on the heap whose MRO contains it (a walk of vm->objects: rare, since it
 * only happens when a class that has subclasses is modified after they were
 * created). Every class has its MRO as a tuple (`mro`, C3 for user classes,
 * the base chain for builtins); lookups and subclass tests walk it. */
#include <stdlib.h>
#include "vm.h"

static uint32_t new_version(VM *vm) {
    uint32_t v = vm->next_type_version;
    /* After 2^32 versions, give up versioning: 0 means "unversioned". */
    if (v != 0) vm->next_type_version++;
    return v;
}

/* The ObjKind of instances of each builtin class. */
static uint8_t builtin_inst_kind(VM *vm, TypeId id) {
    switch (id) {
    case T_OBJECT: case T_NONE: return OBJ_INSTANCE;
    case T_TYPE: return OBJ_TYPE;
    case T_INT: case T_BOOL: case T_FLOAT: return OBJ_BIGINT;
    case T_STR: return OBJ_STR;
    case T_TUPLE: return OBJ_TUPLE;
    case T_LIST: return OBJ_LIST;
    case T_DICT: return OBJ_DICT;
    case T_SET: case T_FROZENSET: return OBJ_SET;
    case T_RANGE: return OBJ_RANGE;
    case T_SLICE: return OBJ_SLICE;
    case T_CODE: return OBJ_CODE;
    case T_FUNCTION: return OBJ_FUNCTION;
    case T_BUILTIN: return OBJ_NATIVE;
    case T_METHOD: return OBJ_METHOD;
    case T_CELL: return OBJ_CELL;
    case T_PROPERTY: case T_STATICMETHOD: case T_CLASSMETHOD: case T_MEMBER_DESCR: return OBJ_DESCR;
    case T_MODULE: case T_TEXTIO: return OBJ_MODULE;
    case T_GENERATOR: return OBJ_GEN;
    default:
        if (id >= T_BASE_EXCEPTION) return OBJ_EXCEPTION;
        return OBJ_ITER;
    }
}

/* Creates vm->types (and vm->interned, which naming them needs). Runs with
 * the GC paused, so nothing here needs rooting. */
void types_init(VM *vm) {
    static const char *const names[T_COUNT] = {
#define X(id, name, base) name,
        BUILTIN_TYPE_LIST(X)
#undef X
    };
    enum { T_NONE_BASE = -1 };
    static const int bases[T_COUNT] = {
#define X(id, name, base) (int)T_##base,
        BUILTIN_TYPE_LIST(X)
#undef X
    };
    for (int i = 0; i < T_COUNT; i++) {
        Type *t = gc_alloc(vm, sizeof(Type), OBJ_TYPE, NULL);
        if (!t) return;
        vm->types[i] = t;
    }
    for (int i = 0; i < T_COUNT; i++) {
        Type *t = vm->types[i];
        t->obj.type = vm->types[T_TYPE];
        t->base = bases[i] < 0 ? NULL : vm->types[bases[i]];
        t->inst_kind = builtin_inst_kind(vm, (TypeId)i);
        t->builtin = 1;
        t->version = new_version(vm);
        if (t->base) t->base->has_subclasses = 1;
    }
    if (!(vm->interned = dict_new(vm))) return;
    for (int i = 0; i < T_COUNT; i++) {
        if (!(vm->types[i]->dict = dict_new(vm))) return;
        if (!(vm->types[i]->name = str_intern_cstr(vm, names[i]))) return;
    }
    /* Builtin classes inherit singly: the MRO is the base chain. */
    for (int i = 0; i < T_COUNT; i++) {
        Type *t = vm->types[i];
        int n = 0;
        for (Type *b = t; b; b = b->base) n++;
        t->bases = tuple_new(vm, t->base ? 1 : 0);
        t->mro = tuple_new(vm, n);
        if (!t->bases || !t->mro) return;
        if (t->base) t->bases->items[0] = val_obj(t->base);
        n = 0;
        for (Type *b = t; b; b = b->base) t->mro->items[n++] = val_obj(b);
    }
}

/* type_lookup's results, keyed on (class version, interned name), as
 * CPython's type attribute cache: a version is never reused and changes
 * with any change to the dict of the class or of a base, so an entry whose
 * version matches is always right, and needs no invalidation. Only interned
 * names are cached (they are never freed, so a pointer names one text). */
#define TYPE_CACHE_SIZE 4096

typedef struct TypeCacheEntry {
    uint32_t version;
    int32_t slot;   /* layout_find(t, name), or SLOT_UNKNOWN until asked */
    Str *name;
    Value value;
} TypeCacheEntry;

#define SLOT_UNKNOWN (-2)

/* The first class of t's MRO from position `from` on that defines name. */
static Value lookup_from(Type *t, int64_t from, Str *name) {
    for (int64_t i = from; i < t->mro->len; i++) {
        Value v = dict_get_str(AS_TYPE(t->mro->items[i])->dict, name);
        if (v != VAL_NULL) return v;
    }
    return VAL_NULL;
}

static Value lookup_uncached(Type *t, Str *name) { return lookup_from(t, 0, name); }

Value type_lookup_after(Type *t, Type *after, Str *name) {
    for (int64_t i = 0; i < t->mro->len; i++)
        if (AS_TYPE(t->mro->items[i]) == after) return lookup_from(t, i + 1, name);
    return VAL_NULL;
}

Value type_lookup_user(Type *t, Str *name) {
    for (int64_t i = 0; i < t->mro->len; i++) {
        Type *c = AS_TYPE(t->mro->items[i]);
        if (c->builtin) continue;
        Value v = dict_get_str(c->dict, name);
        if (v != VAL_NULL) return v;
    }
    return VAL_NULL;
}

/* The memo entry for `name`: a Python function found on the user classes
 * of t's MRO, which is what the generic paths (object.c, iter.c) call for
 * it through vm_call_dunder. */
static Value dunder_fn(Type *t, Str *name) {
    Value v = type_lookup_user(t, name);
    return IS_FUNCTION(v) ? v : VAL_NULL;
}

bool type_dunder_refresh(VM *vm, Type *t) {
    if (!t->version) return false;
    if (!t->dunders && !(t->dunders = calloc(1, sizeof(DunderMemo)))) return false;
    DunderMemo *m = t->dunders;
    if (m->version == t->version) return true;
    for (int op = 0; op < BINOP_COUNT; op++) {
        m->fn[DUNDER_BINOP + op] = dunder_fn(t, vm->binop_names[op]);
        /* a op= b: __iop__ when the class has one (any kind: not a plain
         * function leaves the entry empty), else a op b. */
        Value i = type_lookup_user(t, vm->ibinop_names[op]);
        m->fn[DUNDER_BINOP + BINOP_INPLACE_BASE + op] =
            i == VAL_NULL ? m->fn[DUNDER_BINOP + op] : IS_FUNCTION(i) ? i : VAL_NULL;
    }
    for (int op = 0; op < CMP_COUNT; op++) m->fn[DUNDER_CMP + op] = dunder_fn(t, vm->cmp_names[op]);
    m->fn[DUNDER_GETITEM] = dunder_fn(t, vm->names[NAME_GETITEM]);
    m->fn[DUNDER_SETITEM] = dunder_fn(t, vm->names[NAME_SETITEM]);
    m->fn[DUNDER_CONTAINS] = dunder_fn(t, vm->names[NAME_CONTAINS]);
    m->version = t->version;
    return true;
}

/* t's cache entry for interned `name`, filled on a miss; NULL when t or
 * name cannot be cached. */
static TypeCacheEntry *cache_entry(VM *vm, Type *t, Str *name) {
    if (!t->version || !name->interned) return NULL;
    if (!vm->type_cache && !(vm->type_cache = calloc(TYPE_CACHE_SIZE, sizeof(TypeCacheEntry))))
        return NULL;
    uintptr_t h = (uintptr_t)t->version * 2654435761u ^ ((uintptr_t)name >> 4);
    TypeCacheEntry *e = &vm->type_cache[h & (TYPE_CACHE_SIZE - 1)];
    if (e->version == t->version && e->name == name) return e;
    e->version = t->version;
    e->name = name;
    e->value = lookup_uncached(t, name);
    e->slot = SLOT_UNKNOWN;
    return e;
}

Value type_lookup(VM *vm, Type *t, Str *name) {
    TypeCacheEntry *e = cache_entry(vm, t, name);
    return e ? e->value : lookup_uncached(t, name);
}

Value type_lookup_slot(VM *vm, Type *t, Str *name, int *slot) {
    TypeCacheEntry *e = cache_entry(vm, t, name);
    if (!e) {
        *slot = layout_find(t, name);
        return lookup_uncached(t, name);
    }
    if (e->slot == SLOT_UNKNOWN) e->slot = layout_find(t, name);
    *slot = e->slot;
    return e->value;
}

bool type_is_subtype(Type *t, Type *base) {
    if (!t->mro) { /* only while types_init builds the MROs */
        for (; t; t = t->base)
            if (t == base) return true;
        return false;
    }
    for (int64_t i = 0; i < t->mro->len; i++)
        if (AS_TYPE(t->mro->items[i]) == base) return true;
    return false;
}

/* ---- C3 linearization (CPython's mro_implementation) -------------------------- */

/* Is c in the tail (after position start) of any of the n sequences? */
static bool in_some_tail(Type *c, Tuple **seqs, const int64_t *start, int n) {
    for (int i = 0; i < n; i++)
        for (int64_t j = start[i] + 1; j < seqs[i]->len; j++)
            if (AS_TYPE(seqs[i]->items[j]) == c) return true;
    return false;
}

/* CPython's message names the distinct heads left when the merge is stuck. */
static void mro_error(VM *vm, Tuple **seqs, const int64_t *start, int n) {
    StrBuf b;
    sb_init(&b);
    sb_adds(&b, "Cannot create a consistent method resolution\norder (MRO) for bases");
    const char *sep = " ";
    for (int i = 0; i < n; i++) {
        if (start[i] >= seqs[i]->len) continue;
        Value h = seqs[i]->items[start[i]];
        bool seen = false;
        for (int k = 0; k < i; k++)
            if (start[k] < seqs[k]->len && seqs[k]->items[start[k]] == h) seen = true;
        if (seen) continue;
        sb_adds(&b, sep);
        sb_adds(&b, AS_TYPE(h)->name->data);
        sep = ", ";
    }
    vm_raise(vm, T_TYPE_ERROR, "%s", b.data ? b.data : "");
    sb_free(&b);
}

/* Merge the bases' MROs and the bases list into out (room for the sum of
 * their lengths); returns the count, or -1 with TypeError raised. */
static int64_t c3_merge(VM *vm, Tuple *bases, Value *out) {
    int n = (int)bases->len + 1;
    Tuple *seqs[n];
    int64_t start[n];
    for (int i = 0; i < n - 1; i++) seqs[i] = AS_TYPE(bases->items[i])->mro;
    seqs[n - 1] = bases;
    memset(start, 0, sizeof start);
    int64_t len = 0;
    for (;;) {
        Type *pick = NULL;
        bool left = false;
        for (int i = 0; i < n && !pick; i++) {
            if (start[i] >= seqs[i]->len) continue;
            left = true;
            Type *c = AS_TYPE(seqs[i]->items[start[i]]);
            if (!in_some_tail(c, seqs, start, n)) pick = c;
        }
        if (!left) return len;
        if (!pick) {
            mro_error(vm, seqs, start, n);
            return -1;
        }
        out[len++] = val_obj(pick);
        for (int i = 0; i < n; i++)
            if (start[i] < seqs[i]->len && AS_TYPE(seqs[i]->items[start[i]]) == pick) start[i]++;
    }
}

/* The class whose C layout t's instances have: the nearest class up t's
 * base chain that changes the layout (CPython's solid_base). */
static Type *solid_base(Type *t) {
    while (t->base && !t->adds_slots && t->base->inst_kind == t->inst_kind) t = t->base;
    return t;
}

/* __base__: the base with the most derived layout; NULL with TypeError
 * when two bases' layouts cannot be combined. */
static Type *best_base(VM *vm, Tuple *bases) {
    Type *best = NULL, *solid = NULL;
    for (int64_t i = 0; i < bases->len; i++) {
        Type *b = AS_TYPE(bases->items[i]);
        Type *s = solid_base(b);
        if (!best || type_is_subtype(s, solid)) {
            if (!best || s != solid) best = b, solid = s;
        } else if (!type_is_subtype(solid, s)) {
            vm_raise(vm, T_TYPE_ERROR, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return best;
}

/* ---- __slots__ ---------------------------------------------------------------- */

/* A slot name as the class body would spell the attribute: `__x` is
 * `_Class__x` (private-name mangling). */
static Str *slot_name(VM *vm, Type *t, Str *s) {
    const char *n = s->data, *cls = t->name->data;
    int64_t len = s->len;
    while (*cls == '_') cls++;
    if (len < 3 || n[0] != '_' || n[1] != '_' || (n[len - 1] == '_' && n[len - 2] == '_') || !*cls)
        return str_intern(vm, n, len);
    StrBuf b;
    sb_init(&b);
    sb_addf(&b, "_%s%s", cls, n);
    Str *r = str_intern(vm, b.data ? b.data : "", b.len);
    sb_free(&b);
    return r;
}

static int add_slot(VM *vm, Type *t, Value item) {
    if (!IS_STR(item)) {
        vm_raise(vm, T_TYPE_ERROR, "__slots__ items must be strings, not '%s'",
                 val_type(vm, item)->name->data);
        return -1;
    }
    if (!strcmp(AS_STR(item)->data, "__dict__")) {
        t->slotted = 0;
        return 0;
    }
    Str *name = slot_name(vm, t, AS_STR(item));
    if (!name) return -1;
    if (dict_get_str(t->dict, name) != VAL_NULL) {
        vm_raise(vm, T_VALUE_ERROR, "'%s' in __slots__ conflicts with class variable",
                 AS_STR(item)->data);
        return -1;
    }
    if (layout_find(t, name) >= 0) return 0;
    if (t->nattrs == LAYOUT_MAX) {
        vm_raise(vm, T_TYPE_ERROR, "stitch: unsupported: more than %d slots", LAYOUT_MAX);
        return -1;
    }
    t->attr_names[t->nattrs++] = name;
    t->adds_slots = 1;
    return 0;
}

/* t's __slots__ (a str, tuple or list of names) go first in its layout,
 * after the slots its bases declared. Plain instances only: a list or dict
 * subclass keeps its attributes in a dict whatever __slots__ says. */
static int setup_slots(VM *vm, Type *t) {
    if (t->inst_kind != OBJ_INSTANCE) return 0;
    Str *key = str_intern_cstr(vm, "__slots__");
    if (!key) return -1;
    Value s = dict_get_str(t->dict, key);
    if (s == VAL_NULL) { /* a __dict__ again, beside the base's slots */
        for (uint32_t k = 0; k < t->base->nslotnames; k++)
            t->attr_names[t->nattrs++] = t->base->attr_names[k];
        t->nslotnames = t->base->nslotnames;
        return 0;
    }
    t->slotted = 1;
    for (int64_t i = 0; i < t->bases->len; i++) {
        Type *b = AS_TYPE(t->bases->items[i]);
        if (!b->slotted && b != vm->types[T_OBJECT]) t->slotted = 0;
        for (uint32_t k = 0; k < b->nslotnames; k++)
            if (layout_find(t, b->attr_names[k]) < 0 && t->nattrs < LAYOUT_MAX)
                t->attr_names[t->nattrs++] = b->attr_names[k];
    }
    if (IS_STR(s)) {
        int r = add_slot(vm, t, s);
        t->nslotnames = (uint8_t)t->nattrs;
        return r;
    }
    if (!IS_TUPLE(s) && !IS_LIST(s)) {
        vm_raise(vm, T_TYPE_ERROR, "stitch: unsupported: __slots__ must be a str, tuple or list");
        return -1;
    }
    int64_t n = IS_TUPLE(s) ? AS_TUPLE(s)->len : AS_LIST(s)->len;
    for (int64_t i = 0; i < n; i++)
        if (add_slot(vm, t, IS_TUPLE(s) ? AS_TUPLE(s)->items[i] : AS_LIST(s)->items[i]) < 0)
            return -1;
    t->nslotnames = (uint8_t)t->nattrs;
    return 0;
}

/* A duplicate base or a builtin stitch cannot subclass: -1 with TypeError. */
static int check_bases(VM *vm, Tuple *bases) {
    for (int64_t i = 0; i < bases->len; i++) {
        Type *b = AS_TYPE(bases->items[i]);
        for (int64_t j = 0; j < i; j++)
            if (bases->items[j] == bases->items[i]) {
                vm_raise(vm, T_TYPE_ERROR, "duplicate base class %s", b->name->data);
                return -1;
            }
        if (b->builtin && b != vm->types[T_OBJECT] && b != vm->types[T_LIST] &&
            b != vm->types[T_DICT] && !type_is_subtype(b, vm->types[T_BASE_EXCEPTION])) {
            vm_raise(vm, T_TYPE_ERROR, "stitch does not support subclassing built-in type '%s'",
                     b->name->data);
            return -1;
        }
    }
    return 0;
}

/* t's MRO: t, then the C3 merge of its bases' MROs. */
static Tuple *compute_mro(VM *vm, Type *t) {
    int64_t room = 1 + t->bases->len;
    for (int64_t i = 0; i < t->bases->len; i++) room += AS_TYPE(t->bases->items[i])->mro->len;
    Value *buf = malloc((size_t)room * sizeof(Value));
    if (!buf) {
        vm_raise_oom(vm);
        return NULL;
    }
    buf[0] = val_obj(t);
    int64_t n = c3_merge(vm, t->bases, buf + 1);
    /* The classes are all reachable from t's bases (rooted by the caller). */
    Tuple *mro = n < 0 ? NULL : tuple_from(vm, buf, n + 1);
    free(buf);
    return mro;
}

Type *type_new_bases(VM *vm, Str *name, Tuple *bases, Dict *dict) {
    if (bases->len == 0) {
        Value o = val_obj(vm->types[T_OBJECT]);
        gc_push_root(vm, val_obj(name));
        gc_push_root(vm, dict ? val_obj(dict) : VAL_NONE);
        bases = tuple_from(vm, &o, 1);
        gc_pop_roots(vm, 2);
        if (!bases) return NULL;
    }
    if (check_bases(vm, bases) < 0) return NULL;
    /* The bases' own __slots__ count in choosing __base__ (solid_base). */
    Type *base = best_base(vm, bases);
    if (!base) return NULL;
    gc_push_root(vm, val_obj(name));
    gc_push_root(vm, val_obj(bases));
    gc_push_root(vm, dict ? val_obj(dict) : VAL_NONE);
    Type *t = gc_alloc(vm, sizeof(Type), OBJ_TYPE, vm->types[T_TYPE]);
    if (t) {
        t->name = name;
        t->base = base;
        t->bases = bases;
        t->dict = dict;
        t->inst_kind = base->inst_kind;
        gc_push_root(vm, val_obj(t));
        t->mro = compute_mro(vm, t);
        if (t->mro && !dict) t->dict = dict_new(vm);
        if (t->mro && t->dict && setup_slots(vm, t) < 0) t->mro = NULL;
        gc_pop_roots(vm, 1);
        if (!t->mro || !t->dict) t = NULL;
        else t->version = new_version(vm);
    }
    gc_pop_roots(vm, 3);
    if (!t) return NULL;
    for (int64_t i = 0; i < bases->len; i++) AS_TYPE(bases->items[i])->has_subclasses = 1;
    return t;
}

Type *type_new(VM *vm, Str *name, Type *base, Dict *dict) {
    if (!base) base = vm->types[T_OBJECT];
    gc_push_root(vm, val_obj(name));
    gc_push_root(vm, dict ? val_obj(dict) : VAL_NONE);
    Value b = val_obj(base);
    Tuple *bases = tuple_from(vm, &b, 1);
    gc_pop_roots(vm, 2);
    return bases ? type_new_bases(vm, name, bases, dict) : NULL;
}

/* Traces guarding the old version will never pass again: the JIT drops them. */
void type_new_version(VM *vm, Type *t) {
    uint32_t old = t->version;
    t->version = new_version(vm);
    if (vm->jit && old) vm->jit->invalidate(vm, JIT_DEP_TYPE, old);
}

/* Every class whose MRO contains t is re-versioned: with multiple
 * inheritance that is more than t's base chain (type_is_subtype reads the
 * MRO). */
void type_modified(VM *vm, Type *t) {
    type_new_version(vm, t);
    if (!t->has_subclasses) return;
    for (Obj *o = vm->objects; o; o = o->next) {
        if (o->kind != OBJ_TYPE || o == &t->obj) continue;
        Type *sub = (Type *)o;
        if (type_is_subtype(sub, t)) type_new_version(vm, sub);
    }
}

void type_add_native(VM *vm, Type *t, const char *name, NativeFn fn) {
    Native *n = gc_alloc(vm, sizeof(Native), OBJ_NATIVE, vm->types[T_BUILTIN]);
    if (!n) return;
    n->fn = fn;
    n->name = name;
    n->self = VAL_NULL;
    gc_push_root(vm, val_obj(n));
    Str *key = str_intern_cstr(vm, name);
    if (key) dict_set_str(vm, t->dict, key, val_obj(n));
    gc_pop_roots(vm, 1);
    type_modified(vm, t);
}

bool obj_isinstance(VM *vm, Value v, Type *t) { return type_is_subtype(val_type(vm, v), t); }
