#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H
/* libedit (Debian's libedit-dev): the readline-compatible API plus histedit for completion. */
#include <stdio.h>
#include <editline/readline.h>
#include <histedit.h>
#endif
