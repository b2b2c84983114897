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
#include <stdlib.h>
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
// ---- Added for CursesBackend: mouse masks, key helpers, wide-char cells, cleanup handlers ----
static inline int sfdbg_color_pairs(void) { return COLOR_PAIRS; }
static inline int sfdbg_key_f0(void) { return KEY_F0; }
static inline int sfdbg_key_code_yes(void) { return KEY_CODE_YES; }
static inline mmask_t sfdbg_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t sfdbg_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t sfdbg_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t sfdbg_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t sfdbg_button2_released(void) { return BUTTON2_RELEASED; }
static inline mmask_t sfdbg_button2_clicked(void) { return BUTTON2_CLICKED; }
static inline mmask_t sfdbg_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t sfdbg_button3_released(void) { return BUTTON3_RELEASED; }
static inline mmask_t sfdbg_button3_clicked(void) { return BUTTON3_CLICKED; }
static inline mmask_t sfdbg_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t sfdbg_button5_pressed(void) { return BUTTON5_PRESSED; }

/// Columns the C library gives a wide character (what ncursesw uses to place it).
static inline int sfdbg_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

/// Draws one cell: up to 4 code points (a base and combining marks) with attributes and a pair.
static inline int sfdbg_draw_cell(int y, int x, const unsigned int *codepoints, int count,
                                  unsigned int attrs, int pair) {
  wchar_t text[CCHARW_MAX + 1];
  int n = count < CCHARW_MAX ? count : CCHARW_MAX - 1;
  for (int i = 0; i < n; i++) text[i] = (wchar_t)codepoints[i];
  text[n] = 0;
  cchar_t cell;
  if (setcchar(&cell, text, (attr_t)attrs, (short)pair, NULL) == ERR) return ERR;
  return mvwadd_wch(stdscr, y, x, &cell);
}

/// Reads back the first code point and attributes of the cell at y, x (for tests).
static inline unsigned int sfdbg_read_cell(int y, int x, unsigned int *attrs) {
  cchar_t cell;
  if (mvwin_wch(stdscr, y, x, &cell) == ERR) return 0;
  wchar_t text[CCHARW_MAX + 1];
  attr_t a = 0;
  short pair = 0;
  getcchar(&cell, text, &a, &pair, NULL);
  if (attrs) *attrs = (unsigned int)a;
  return (unsigned int)text[0];
}

// Terminal restoration on signals and exit. The previous handlers are kept so that after the
// terminal is restored the signal does what it did before (default action, Swift's backtracer).
// Only CursesBackend's single file calls sfdbg_install_cleanup_handlers, so there is one copy of
// this state.
static inline struct sigaction *sfdbg_previous_actions(void) {
  static struct sigaction actions[NSIG];
  return actions;
}

static void sfdbg_cleanup_signal_handler(int sig) {
  endwin();
  sigaction(sig, &sfdbg_previous_actions()[sig], NULL);
  raise(sig);
}

static void sfdbg_cleanup_at_exit(void) {
  if (!isendwin()) endwin();
}

static inline void sfdbg_install_cleanup_handlers(void) {
  static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS,
                                SIGILL, SIGABRT, SIGFPE, SIGTRAP};
  static int installed = 0;
  if (installed) return;
  installed = 1;
  for (unsigned i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
    struct sigaction action;
    action.sa_handler = sfdbg_cleanup_signal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(signals[i], &action, &sfdbg_previous_actions()[signals[i]]);
  }
  atexit(sfdbg_cleanup_at_exit);
}

/* From <term.h>, which is not included: its capability macros (`lines`, `columns`, ...) clash. */
struct term;
extern int setupterm(const char *, int, int *);
extern int del_curterm(struct term *);
extern struct term *cur_term;

/* Whether the terminfo database describes $TERM. initscr would print ncurses' own text and
   exit(1) when it does not. */
static inline int sfdbg_terminal_known(void) {
  int status = 0;
  if (setupterm(NULL, 1, &status) != OK) return 0;
  del_curterm(cur_term);
  return 1;
}
#endif
