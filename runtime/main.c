/* main.c: the stitch command line. Uses only the public API. */
#include <stdio.h>
#include <string.h>

#include "stitch.h"
#ifdef STITCH_HAVE_JIT
#include "stitch_jit.h"
#endif

static const char usage_text[] =
    "usage: stitch [option] ... (FILE | -c CODE | --dis FILE) [arg] ...\n"
    "Options:\n"
    "  -c CODE      run the program passed as a string\n"
    "  --dis FILE   print the bytecode of FILE like `python3 -m dis`\n"
    "  --specialized  with --dis: run FILE first, show the quickened code\n"
    "  --uops       print each instruction's micro-ops (implies --dis)\n"
    "  -X jit       enable the trace JIT (same as STITCH_JIT=1)\n"
    "  --version    print the version and exit\n"
    "  -h, --help   print this help and exit\n"
    "Environment: STITCH_GC_STRESS=1, STITCH_HEAP_LIMIT=bytes,\n"
    "             STITCH_RECURSION_LIMIT=n, STITCH_SPECIALIZE=0, STITCH_STATS=1,\n"
    "             STITCH_JIT=1|uops, STITCH_JIT_THRESHOLD=n, STITCH_JIT_DUMP=1|FILE,\n"
    "             STITCH_JIT_PERF=1, STITCH_JIT_MEMORY=bytes, STITCH_JIT_OPT=0\n";

static int usage_error(const char *fmt, const char *arg) {
    if (fmt) {
        fputs("stitch: ", stderr);
        fprintf(stderr, fmt, arg);
        fputc('\n', stderr);
    }
    fputs(usage_text, stderr);
    return 2;
}

int main(int argc, char **argv) {
    const char *code = NULL, *file = NULL;
    int dis = 0, dis_flags = 0, jit = 0, i;
    for (i = 1; i < argc && !code && !file; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (!strcmp(a, "--version")) {
            printf("stitch %s\n", stitch_version());
            return 0;
        }
        if (!strcmp(a, "--specialized") || !strcmp(a, "--uops")) {
            dis_flags |= a[2] == 's' ? STITCH_DIS_SPECIALIZED : STITCH_DIS_UOPS;
            dis = 1;
            continue;
        }
        if (!strcmp(a, "--dis")) {
            dis = 1;
            continue;
        }
        if (!strcmp(a, "-c") || !strcmp(a, "-X")) {
            if (i + 1 >= argc) return usage_error("option %s requires an argument", a);
            const char *v = argv[++i];
            if (!strcmp(a, "-c")) code = v;
            else if (strcmp(v, "jit") != 0) return usage_error("unknown -X option '%s'", v);
            else jit = 1;
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') return usage_error("unknown option '%s'", a);
        file = a;
    }
    if (dis && !file) return usage_error("option %s requires an argument", "--dis");
    if (!code && !file) return usage_error(NULL, NULL);

    StitchVM *vm = stitch_new(NULL);
    if (!vm) {
        fputs("stitch: out of memory\n", stderr);
        return 1;
    }
#ifdef STITCH_HAVE_JIT
    stitch_provide_jit(vm, stitch_jit());
#endif
    stitch_load_env(vm);
    if (jit && stitch_set_option(vm, "JIT", "1") < 0)
        fputs("stitch: -X jit: this build has no JIT; running interpreted\n", stderr);
    /* sys.argv: the script (or "-c"), then the arguments after it. */
    char *dash_c = "-c";
    argv[i - 1] = code ? dash_c : argv[i - 1];
    stitch_set_argv(vm, argc - (i - 1), argv + (i - 1));
    StitchResult r;
    if (code) r = stitch_run_string(vm, code, "<string>");
    else if (dis) r = stitch_dis_file_opts(vm, file, dis_flags);
    else r = stitch_run_file(vm, file);
    fflush(stdout);
    int status = stitch_exit_status(vm, r);
    stitch_free(vm);
    return status;
}
