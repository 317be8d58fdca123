/* stitch.h: the public embedding API.
 *
 * A StitchVM runs Python-subset programs. Create one with stitch_new, set
 * options with the stitch_set_* calls or the environment (stitch_load_env),
 * run source with stitch_run_file / stitch_run_string, and free it with
 * stitch_free. There is no global state: VMs are independent. */
#ifndef STITCH_H
#define STITCH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct StitchVM StitchVM;

/* What running a program came to. */
typedef enum StitchResult {
    STITCH_OK = 0,            /* ran to the end */
    STITCH_SYNTAX_ERROR = 1,  /* did not compile; the error was reported */
    STITCH_RUNTIME_ERROR = 2, /* raised an uncaught exception; traceback reported */
    STITCH_IO_ERROR = 3       /* the file could not be read */
} StitchResult;

/* Where the program's output and error text go. NULL callbacks mean the
 * process's stdout / stderr. */
typedef struct StitchConfig {
    void (*write_out)(void *userdata, const char *text, size_t len);
    void (*write_err)(void *userdata, const char *text, size_t len);
    void *userdata;
} StitchConfig;

/* Create a VM; config may be NULL. NULL if memory runs out. */
StitchVM *stitch_new(const StitchConfig *config);
void stitch_free(StitchVM *vm);

/* Read STITCH_* options from the environment (STITCH_GC_STRESS, ...). */
void stitch_load_env(StitchVM *vm);
/* Collect garbage at every allocation (slow; finds missing GC roots). */
void stitch_set_gc_stress(StitchVM *vm, int on);
/* Heap size in bytes past which allocation raises MemoryError. */
void stitch_set_heap_limit(StitchVM *vm, size_t bytes);
/* Python call depth past which calls raise RecursionError. */
void stitch_set_recursion_limit(StitchVM *vm, int depth);

/* The trace JIT, when the program links it (include/stitch_jit.h gives
 * stitch_jit()): hand it to the VM before turning it on. */
typedef struct StitchJit StitchJit;
void stitch_provide_jit(StitchVM *vm, const StitchJit *jit);
/* The JIT's options, by the names of their environment variables without
 * the STITCH_ prefix: "JIT" ("1" or "on": machine code, "uops": the uop
 * interpreter, "0"/"off"), "JIT_THRESHOLD" (backward jumps before a loop
 * is compiled, 1-4095), "JIT_DUMP" ("1": stderr, else a file to write),
 * "JIT_PERF" ("1": /tmp/perf-PID.map), "JIT_MEMORY" (bytes of code),
 * "JIT_OPT" ("0": no optimizer). Set JIT last. Returns 0, or -1 for an
 * unknown name or value, or JIT on when none was provided. */
int stitch_set_option(StitchVM *vm, const char *name, const char *value);

/* sys.argv for the programs run next: argv[0] the script (or "-c"), then
 * its arguments. The strings are copied. */
void stitch_set_argv(StitchVM *vm, int argc, char **argv);

/* Compile and run a program as __main__. */
StitchResult stitch_run_file(StitchVM *vm, const char *path);
StitchResult stitch_run_string(StitchVM *vm, const char *source, const char *filename);

/* Print each code object of a program as `python -m dis` does. */
StitchResult stitch_dis_file(StitchVM *vm, const char *path);

/* stitch_dis_file_opts flags: run the program first and print the code as
 * the specializing interpreter rewrote it; print each instruction's uops. */
#define STITCH_DIS_SPECIALIZED 0x1
#define STITCH_DIS_UOPS 0x2
StitchResult stitch_dis_file_opts(StitchVM *vm, const char *path, int flags);

/* The process exit status CPython would end with after a run that came to
 * `r`: 0, 1 for an error, or the code of an uncaught SystemExit
 * (sys.exit(3) gives 3, modulo 256). */
int stitch_exit_status(StitchVM *vm, StitchResult r);

/* The library's version, "MAJOR.MINOR.PATCH". */
const char *stitch_version(void);

#ifdef __cplusplus
}
#endif

#endif
