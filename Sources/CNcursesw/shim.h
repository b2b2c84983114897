#ifndef SFDBG_CNCURSESW_SHIM_H
#define SFDBG_CNCURSESW_SHIM_H
// Exposes the ncursesw macros and globals that Swift 6 cannot import directly
// (macros such as getmaxyx/A_BOLD/COLOR_PAIR, and mutable globals such as stdscr/COLS/LINES).
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#include <signal.h>
#include <wchar.h>

static inline WINDOW *sfdbg_stdscr(void) { return stdscr; }
static inline int sfdbg_cols(void) { return COLS; }
static inline int sfdbg_lines(void) { return LINES; }
static inline int sfdbg_colors(void) { return COLORS; }
static inline void sfdbg_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline unsigned int sfdbg_a_normal(void) { return (unsigned int)A_NORMAL; }
static inline unsigned int sfdbg_a_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int sfdbg_a_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int sfdbg_a_reverse(void) { return (unsigned int)A_REVERSE; }
static inline unsigned int sfdbg_a_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline unsigned int sfdbg_a_italic(void) { return (unsigned int)A_ITALIC; }
static inline unsigned int sfdbg_color_pair(int n) { return (unsigned int)COLOR_PAIR(n); }
static inline int sfdbg_key_resize(void) { return KEY_RESIZE; }
static inline int sfdbg_key_mouse(void) { return KEY_MOUSE; }
static inline int sfdbg_err(void) { return ERR; }
static inline int sfdbg_ok(void) { return OK; }
static inline void sfdbg_setlocale_all(void) { setlocale(LC_ALL, ""); }
#endif
