/* vm.c: creating and freeing a VM, and its output channels. */
#include <stdlib.h>
#include <unistd.h>

#include "vm.h"

#define STACK_VALUES (1 << 20)
#define FRAME_HEADROOM 64
#define FRAME_CAP 100000
/* No collection before this much heap: programs with a live set of a few
 * MiB would otherwise collect (and walk their heap) every few MiB. */
#define GC_FLOOR ((size_t)32 << 20)
#define HEAP_LIMIT_MAX ((size_t)8 << 30)

/* Half the physical memory, at most 8 GiB: enough for real programs, small
 * enough that a runaway allocation is a MemoryError rather than an OOM kill. */
static size_t default_heap_limit(void) {
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0) return (size_t)2 << 30;
    size_t half = (size_t)pages * (size_t)page / 2;
    return half < HEAP_LIMIT_MAX ? half : HEAP_LIMIT_MAX;
}

static bool init_names(VM *vm) {
    static const char *const common[NAME_COUNT] = {
#define X(e, s) s,
        COMMON_NAME_LIST(X)
#undef X
    };
    static const char *const binops[BINOP_COUNT] = {
#define X(e, sym, d, rd) d,
        BINOP_LIST(X)
#undef X
    };
    static const char *const rbinops[BINOP_COUNT] = {
#define X(e, sym, d, rd) rd,
        BINOP_LIST(X)
#undef X
    };
    static const char *const cmps[CMP_COUNT] = {
#define X(e, sym, d, r) d,
        CMPOP_LIST(X)
#undef X
    };
    for (int i = 0; i < NAME_COUNT; i++)
        if (!(vm->names[i] = str_intern_cstr(vm, common[i]))) return false;
    for (int i = 0; i < BINOP_COUNT; i++) {
        if (!(vm->binop_names[i] = str_intern_cstr(vm, binops[i]))) return false;
        if (!(vm->rbinop_names[i] = str_intern_cstr(vm, rbinops[i]))) return false;
        char iname[32];
        snprintf(iname, sizeof iname, "__i%s", binops[i] + 2);
        if (!(vm->ibinop_names[i] = str_intern_cstr(vm, iname))) return false;
    }
    for (int i = 0; i < CMP_COUNT; i++)
        if (!(vm->cmp_names[i] = str_intern_cstr(vm, cmps[i]))) return false;
    return true;
}

VM *vm_new(const VMOptions *opt) {
    static bool gmp_ready;
    if (!gmp_ready) int_init_allocator(), gmp_ready = true;
    VM *vm = calloc(1, sizeof *vm);
    if (!vm) return NULL;
    if (opt) vm->opt = *opt;
    if (vm->opt.heap_limit == 0) vm->opt.heap_limit = default_heap_limit();
    if (vm->opt.recursion_limit <= 0) vm->opt.recursion_limit = 1000;
    vm->exc = VAL_NULL;
    vm->handled = vm->handled_outer = VAL_NONE;
    vm->memory_error = VAL_NULL;
    vm->not_implemented = VAL_NONE;
    vm->gc_floor = vm->next_gc = GC_FLOOR;
    vm->next_type_version = 1;
    vm->jit_threshold = JIT_DEFAULT_THRESHOLD;
    vm->next_dict_version = 1;
    vm->gc_pause = 1;

    vm->stack = malloc(STACK_VALUES * sizeof(Value));
    /* Room for sys.setrecursionlimit to raise the limit while frames run
     * (the array cannot move then); calloc'd pages cost nothing until used. */
    vm->max_frames = (vm->opt.recursion_limit > FRAME_CAP ? vm->opt.recursion_limit : FRAME_CAP) +
                     FRAME_HEADROOM;
    vm->frames = calloc((size_t)vm->max_frames, sizeof(Frame));
    if (!vm->stack || !vm->frames) goto fail;
    vm->stack_end = vm->stack + STACK_VALUES;
    /* Slot 0 is never a frame's: stitched code reads sp[-1] on entry (the
     * cached top of stack), which must be readable for any frame. */
    vm->stack[0] = VAL_NONE;
    vm->stack_top = vm->stack + 1;
    vm->stack_hwm = vm->stack_top;

    types_init(vm);
    if (!vm->interned || !init_names(vm)) goto fail;
    if (!(vm->empty_str = str_new(vm, "", 0))) goto fail;
    for (int c = 0; c < 128; c++) {
        char ch = (char)c;
        if (!(vm->chars[c] = str_intern(vm, &ch, 1))) goto fail;
    }
    if (!(vm->empty_tuple = tuple_new(vm, 0))) goto fail;
    vm->memory_error = exc_new(vm, vm->types[T_MEMORY_ERROR], vm->empty_tuple);
    if (vm->memory_error == VAL_ERROR) goto fail;

    builtins_init(vm);
    methods_init(vm);
    set_init(vm);
    gen_init(vm);
    descr_init(vm);
    if (!(vm->globals = dict_new(vm))) goto fail;
    if (dict_set_str(vm, vm->globals, vm->names[NAME_NAME], val_obj(vm->names[NAME_MAIN])) < 0 ||
        dict_set_str(vm, vm->globals, vm->names[NAME_DOC], VAL_NONE) < 0)
        goto fail;
    vm->exc = VAL_NULL;
    vm->gc_pause = 0;
    return vm;
fail:
    vm_free(vm);
    return NULL;
}

void vm_free(VM *vm) {
    if (!vm) return;
    if (vm->jit) vm->jit->detach(vm);
    gc_free_all(vm);
    free(vm->codes);
    free(vm->opt.jit_dump);
    free(vm->stack);
    free(vm->frames);
    free(vm->roots);
    free(vm->repr_stack);
    free(vm->type_cache);
    free(vm->script_dir);
    for (int i = 0; i < vm->argc; i++) free(vm->argv[i]);
    free(vm->argv);
    free(vm->random);
    free(vm);
}

void vm_write_out(VM *vm, const char *s, size_t n) {
    if (vm->opt.write_out) vm->opt.write_out(vm->opt.userdata, s, n);
    else fwrite(s, 1, n, stdout);
}

void vm_write_err(VM *vm, const char *s, size_t n) {
    if (vm->opt.write_err) {
        vm->opt.write_err(vm->opt.userdata, s, n);
    } else {
        fflush(stdout);
        fwrite(s, 1, n, stderr);
    }
}
