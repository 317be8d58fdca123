/* R_X86_64_PC32 (a float literal in .rodata.cst8) and R_X86_64_PLT32 (a
 * call of a runtime function). */
extern double helper(double);
double f(double x) { return helper(x * 3.25); }
