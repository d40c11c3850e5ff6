#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H
/* libedit (Debian's libedit-dev): the readline-compatible API plus histedit for completion. */
#include <stdio.h>
#include <editline/readline.h>
#include <histedit.h>

/* libedit's settings are C globals; Swift 6 refuses to touch mutable globals directly, so the shell
   goes through these (it runs them on the main thread only, before and while reading a line). */
static inline void analyst_rl_configure(const char *name, const char *word_breaks, rl_completion_func_t *complete) {
    rl_readline_name = name;
    rl_initialize();
    rl_basic_word_break_characters = word_breaks;
    rl_completer_word_break_characters = (char *)word_breaks;
    rl_completion_append_character = 0;
    rl_attempted_completion_function = complete;
}
static inline void analyst_rl_completion_over(void) { rl_attempted_completion_over = 1; }
static inline const char *analyst_rl_line_buffer(void) { return rl_line_buffer; }
#endif
