/* R_X86_64_32S: an indexed array in the small code model, non-PIC. */
extern int table[];
int f(long i) { return table[i]; }
