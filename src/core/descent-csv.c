/* descent-csv.c: reading x and y columns from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libcsv tokenises; the rest is here. The file is read in chunks and never held whole.
 * The first 64 KiB decide the encoding, the delimiter, the decimal mark, the header and the
 * columns. After that, chunks cut at a line end that hold no quote character cannot contain
 * a record that crosses them, so each one is parsed by a fresh parser on its own core and
 * the results are joined in file order. From the first chunk with a quote on, one parser
 * reads the rest of the file in order, so quoted fields may hold anything, newlines too.
 *
 * Line numbers are the file's physical lines: each parser counts the line ends it sees,
 * outside fields and inside quoted ones, relative to the start of its chunk.
 */

#define G_LOG_DOMAIN "descent-csv"

#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "descent-csv.h"
#include "descent-number.h"

#define HEAD_SIZE          (64 * 1024)
#define BINARY_PROBE_SIZE  4096
#define SAMPLE_MAX_ROWS    500
#define SAMPLE_MAX_COLUMNS (1024 * 1024)
#define SAMPLE_MAX_CELLS   (4 * 1024 * 1024)
#define CHUNK_SIZE         (1024 * 1024)
#define FIELD_LIMIT        (1024 * 1024)
#define HEAD_LINE_LIMIT    (64 * 1024 * 1024)
#define MAX_WORKERS        8
#define MAX_IN_FLIGHT      (2 * MAX_WORKERS)
#define MAX_MAGNITUDE      1e150
#define QUOTED_TEXT_MAX    40

typedef struct {
  guint64 line;
} DescentCsvErrorPrivate;

static void
descent_csv_error_private_init (DescentCsvErrorPrivate *priv)
{
  priv->line = 0;
}

static void
descent_csv_error_private_copy (const DescentCsvErrorPrivate *src,
                                DescentCsvErrorPrivate       *dest)
{
  dest->line = src->line;
}

static void
descent_csv_error_private_clear (DescentCsvErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (DescentCsvError, descent_csv_error)

guint64
descent_csv_error_get_line (const GError *error)
{
  DescentCsvErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, 0);

  priv = descent_csv_error_get_private (error);
  return priv != NULL ? priv->line : 0;
}

G_GNUC_PRINTF (4, 5)
static void
set_error_at_line (GError         **error,
                   DescentCsvError  code,
                   guint64          line,
                   const char      *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (error == NULL)
    return;

  g_set_error_literal (error, DESCENT_CSV_ERROR, code, message);
  descent_csv_error_get_private (*error)->line = line;
}

void
descent_csv_format_clear (DescentCsvFormat *format)
{
  g_return_if_fail (format != NULL);
  g_clear_pointer (&format->encoding, g_free);
  g_clear_pointer (&format->column_names, g_strfreev);
}

/* Text from the file, made fit to show: GB18030 where it is not UTF-8, trimmed, shortened. */
static char *
displayable_text (const char *text,
                  gsize       length,
                  gsize       max_chars)
{
  g_autofree char *utf8 = NULL;

  while (length > 0 && (text[0] == ' ' || text[0] == '\t'))
    text++, length--;
  while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t'))
    length--;

  if (g_utf8_validate (text, (gssize) length, NULL))
    utf8 = g_strndup (text, length);
  else
    {
      utf8 = g_convert (text, (gssize) length, "UTF-8", "GB18030", NULL, NULL, NULL);
      if (utf8 == NULL)
        utf8 = g_utf8_make_valid (text, (gssize) length);
    }

  for (char *p = utf8; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';

  if (max_chars > 0 && g_utf8_strlen (utf8, -1) > (glong) max_chars)
    {
      char *cut = g_utf8_offset_to_pointer (utf8, (glong) max_chars - 1);
      g_autofree char *shortened = g_strndup (utf8, (gsize) (cut - utf8));
      return g_strconcat (shortened, "…", NULL);
    }

  return g_steal_pointer (&utf8);
}

/* libcsv skips the spaces that begin a row without a word, so its row callbacks cannot
 * tell "CR LF" (one line end) from "CR, tabs, LF" (two). Its space test is the only sign
 * of them, and it takes no user data; a parser runs on one thread at a time, so a flag
 * per thread carries the sign to the next row callback, which clears it. */
static _Thread_local gboolean skipped_space;

static int
is_space (unsigned char c)
{
  if (c != ' ')
    return 0;
  skipped_space = TRUE;
  return 1;
}

static int
is_space_or_tab (unsigned char c)
{
  if (c != ' ' && c != '\t')
    return 0;
  skipped_space = TRUE;
  return 1;
}

/* For tests and fuzzing: the first look at the file and the chunks after it, in bytes.
 * Every read returns at most one chunk, so small sizes put chunk boundaries anywhere. */
static gsize head_size = HEAD_SIZE;
static gsize chunk_size = CHUNK_SIZE;

void
descent_csv_set_block_sizes (gsize head,
                             gsize chunk)
{
  head_size = head > 0 ? head : HEAD_SIZE;
  chunk_size = chunk > 0 ? chunk : CHUNK_SIZE;
}

/* Fault injection for tests: the allocations sized by the file fail after this many
 * more (negative: never). */
static gint fail_after = -1;

void
descent_csv_set_alloc_fail_after (int allocations)
{
  g_atomic_int_set (&fail_after, allocations);
}

/* Every allocation whose size comes from the file: it may fail, and the reader says so. */
static gpointer
try_realloc (gpointer memory,
             gsize    size)
{
  if (G_UNLIKELY (g_atomic_int_get (&fail_after) >= 0))
    {
      int left;

      do
        left = g_atomic_int_get (&fail_after);
      while (left > 0 && !g_atomic_int_compare_and_exchange (&fail_after, left, left - 1));
      if (left == 0)
        return NULL;
    }
  return g_try_realloc (memory, size);
}

static void *
capped_realloc (void   *memory,
                size_t  size)
{
  if (size > FIELD_LIMIT + 4096)
    return NULL;
  return try_realloc (memory, size);
}

static void
parser_init (struct csv_parser *parser,
             char               delimiter)
{
  csv_init (parser, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI);
  csv_set_delim (parser, (unsigned char) delimiter);
  csv_set_realloc_func (parser, capped_realloc);
  csv_set_free_func (parser, g_free);
  csv_set_blk_size (parser, 4096);
  /* Tabs around fields are trimmed like spaces, unless they separate the fields. */
  csv_set_space_func (parser, delimiter == '\t' ? is_space : is_space_or_tab);
}

/* Whether the parser stopped at a field longer than FIELD_LIMIT, rather than for want of
 * memory. */
static gboolean
parser_hit_field_limit (struct csv_parser *parser)
{
  return csv_get_buffer_size (parser) + 2 * 4096 >= FIELD_LIMIT;
}

/* ---------------------------------------------------------------------------------------- */
/* The sample: the first rows, parsed whole, to decide how to read the rest                 */

/* The sample is bounded in rows, in columns (fields past the millionth are not offered)
 * and in cells, so that a very wide file is sampled in its first few rows. */
typedef struct {
  GPtrArray *rows;     /* of GPtrArray of char * */
  GPtrArray *current;
  gsize      n_cells;
  gboolean   failed;
} Sample;

static gboolean
sample_is_full (const Sample *sample)
{
  return sample->rows->len >= SAMPLE_MAX_ROWS
         || (sample->rows->len >= 2 && sample->n_cells >= SAMPLE_MAX_CELLS);
}

static void
sample_on_field (void   *text,
                 size_t  length,
                 void   *data)
{
  Sample *sample = data;

  if (sample_is_full (sample))
    return;
  if (sample->current == NULL)
    sample->current = g_ptr_array_new_with_free_func (g_free);
  if (sample->current->len < SAMPLE_MAX_COLUMNS)
    g_ptr_array_add (sample->current, g_strndup (text, length));
}

static void
sample_on_row (int   c,
               void *data)
{
  Sample *sample = data;

  if (sample->current == NULL)
    return;
  sample->n_cells += sample->current->len;
  g_ptr_array_add (sample->rows, g_steal_pointer (&sample->current));
}

/* The sample's rows; *no_memory is set when the parser ran out of memory on the way,
 * so that a short sample is not mistaken for a short file. */
static GPtrArray *
sample_parse (const char *text,
              gsize       length,
              char        delimiter,
              gboolean    at_end,
              gboolean   *no_memory)
{
  struct csv_parser parser;
  Sample sample = { NULL, NULL, 0, FALSE };

  sample.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  parser_init (&parser, delimiter);
  if (csv_parse (&parser, text, length, sample_on_field, sample_on_row, &sample) == length)
    {
      if (at_end)
        csv_fini (&parser, sample_on_field, sample_on_row, &sample);
    }
  else if (csv_error (&parser) == CSV_ENOMEM && !parser_hit_field_limit (&parser))
    *no_memory = TRUE;
  csv_free (&parser);
  g_clear_pointer (&sample.current, g_ptr_array_unref);

  return sample.rows;
}

static inline const char *
sample_cell (GPtrArray *row,
             guint      column)
{
  return column < row->len ? g_ptr_array_index (row, column) : NULL;
}

static gboolean
cell_is_number (const char *cell,
                char        decimal)
{
  double value;

  return cell != NULL
         && descent_number_parse (cell, strlen (cell), decimal, &value) == DESCENT_NUMBER_OK;
}

static gboolean
cell_is_number_any (const char *cell)
{
  return cell_is_number (cell, '.') || cell_is_number (cell, ',');
}

static guint
modal_field_count (GPtrArray *rows,
                   guint     *n_modal)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint best = 0, best_count = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (row->len)));

      g_hash_table_insert (counts, GUINT_TO_POINTER (row->len), GUINT_TO_POINTER (count + 1));
      if (count + 1 > best_count || (count + 1 == best_count && row->len > best))
        {
          best = row->len;
          best_count = count + 1;
        }
    }

  *n_modal = best_count;
  return best;
}

/* The delimiter that splits the sample most consistently into several fields, with
 * numbers rather than fragments of numbers in them; *best_rows is the sample split by it. */
static char
sniff_delimiter (const char  *text,
                 gsize        length,
                 gboolean     at_end,
                 GPtrArray  **best_rows,
                 gboolean    *no_memory)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  char best = ',';
  double best_score = -1;

  *best_rows = NULL;
  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      g_autoptr(GPtrArray) rows = sample_parse (text, length, candidates[c], at_end, no_memory);
      guint n_modal, width, cells = 0, numbers = 0;
      double score;

      if (rows->len == 0)
        continue;
      width = modal_field_count (rows, &n_modal);
      if (width < 2)
        continue;

      for (guint i = 1; i < rows->len; i++)
        {
          GPtrArray *row = g_ptr_array_index (rows, i);
          for (guint j = 0; j < row->len; j++, cells++)
            numbers += cell_is_number_any (g_ptr_array_index (row, j));
        }

      score = (double) n_modal / rows->len;
      score *= 0.5 + 0.5 * (cells > 0 ? (double) numbers / cells : 0);
      if (score > best_score)
        {
          best_score = score;
          best = candidates[c];
          g_clear_pointer (best_rows, g_ptr_array_unref);
          *best_rows = g_steal_pointer (&rows);
        }
    }

  return best;
}

static char
sniff_decimal (GPtrArray *rows,
               char       delimiter)
{
  guint comma = 0, dot = 0;

  if (delimiter != ';' && delimiter != '\t')
    return '.';

  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      for (guint j = 0; j < row->len; j++)
        {
          const char *cell = g_ptr_array_index (row, j);
          if (strchr (cell, ',') != NULL && cell_is_number (cell, ','))
            comma++;
          else if (strchr (cell, '.') != NULL && cell_is_number (cell, '.'))
            dot++;
        }
    }

  return comma > dot ? ',' : '.';
}

static char *
column_display_name (GPtrArray *header,
                     guint      column)
{
  const char *name = header != NULL ? sample_cell (header, column) : NULL;

  if (name != NULL)
    {
      g_autofree char *shown = displayable_text (name, strlen (name), 0);
      if (shown[0] != '\0')
        return g_steal_pointer (&shown);
    }

  /* Not translated: scripts read it in the JSON summary and may pass it back with -x. */
  return g_strdup_printf ("column %u", column + 1);
}

/* A column named by the user: a header name first, then a 1-based index. */
static gboolean
resolve_column (const char  *spec,
                GPtrArray   *first_row,
                gboolean     header_allowed,
                guint        n_columns,
                guint       *column,
                gboolean    *by_name,
                GError     **error)
{
  g_autoptr(GString) names = NULL;
  guint64 index;

  if (header_allowed && first_row != NULL)
    for (guint j = 0; j < first_row->len; j++)
      {
        g_autofree char *name = column_display_name (first_row, j);
        if (g_strcmp0 (name, spec) == 0)
          {
            *column = j;
            *by_name = TRUE;
            return TRUE;
          }
      }

  if (g_ascii_string_to_unsigned (spec, 10, 1, n_columns, &index, NULL))
    {
      *column = (guint) index - 1;
      *by_name = FALSE;
      return TRUE;
    }

  names = g_string_new (NULL);
  if (header_allowed && first_row != NULL)
    for (guint j = 0; j < first_row->len && j < 20; j++)
      {
        g_autofree char *name = column_display_name (first_row, j);
        g_string_append_printf (names, "%s'%s'", j > 0 ? ", " : "", name);
      }

  if (names->len > 0)
    set_error_at_line (error, DESCENT_CSV_ERROR_NO_SUCH_COLUMN, 0,
                       /* TRANSLATORS: %s are a column name, the list of columns, a count */
                       _("There is no column '%s'. The columns are %s; give a name or a number "
                         "from 1 to %u."), spec, names->str, n_columns);
  else
    set_error_at_line (error, DESCENT_CSV_ERROR_NO_SUCH_COLUMN, 0,
                       _("There is no column '%s'. Give a number from 1 to %u."),
                       spec, n_columns);
  return FALSE;
}

static void
set_header_only_error (GError **error)
{
  set_error_at_line (error, DESCENT_CSV_ERROR_HEADER_ONLY, 1,
                     _("The file has a header but no data. Add rows of numbers below the "
                       "column names."));
}

static gboolean
choose_columns (GPtrArray               *rows,
                const DescentCsvOptions *options,
                DescentCsvFormat        *format,
                GError                 **error)
{
  guint n_columns = 0, n_modal;
  g_autofree guint *numeric = NULL;
  g_autofree guint *present = NULL;
  GPtrArray *first = rows->len > 0 ? g_ptr_array_index (rows, 0) : NULL;
  gboolean header_allowed = options->header != DESCENT_CSV_HEADER_ABSENT;
  gboolean x_by_name = FALSE, y_by_name = FALSE;
  gboolean x_given = options->x_column != NULL, y_given = options->y_column != NULL;
  guint x = G_MAXUINT, y = G_MAXUINT;

  n_columns = modal_field_count (rows, &n_modal);
  for (guint i = 0; i < rows->len; i++)
    n_columns = MAX (n_columns, ((GPtrArray *) g_ptr_array_index (rows, i))->len);

  if (n_columns < 2)
    {
      set_error_at_line (error, DESCENT_CSV_ERROR_TOO_FEW_COLUMNS, 1,
                         _("Only one column was found. Descent needs two numeric columns, "
                           "x and y, separated by commas, semicolons, tabs or bars."));
      return FALSE;
    }

  if (x_given && !resolve_column (options->x_column, first, header_allowed, n_columns,
                                  &x, &x_by_name, error))
    return FALSE;
  if (y_given && !resolve_column (options->y_column, first, header_allowed, n_columns,
                                  &y, &y_by_name, error))
    return FALSE;

  numeric = g_new0 (guint, n_columns);
  present = g_new0 (guint, n_columns);
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      for (guint j = 0; j < row->len; j++)
        {
          const char *cell = g_ptr_array_index (row, j);
          double value;

          switch (descent_number_parse (cell, strlen (cell), format->decimal, &value))
            {
            case DESCENT_NUMBER_OK:
              numeric[j]++;
              present[j]++;
              break;
            case DESCENT_NUMBER_INVALID:
              present[j]++;
              break;
            case DESCENT_NUMBER_EMPTY:
            case DESCENT_NUMBER_MISSING:
            default:
              break;
            }
        }
    }

  for (guint j = 0; j < n_columns && (x == G_MAXUINT || y == G_MAXUINT); j++)
    {
      gboolean mostly_numeric;

      if (j == x || j == y)
        continue;
      if (rows->len == 1)
        mostly_numeric = first != NULL && cell_is_number (sample_cell (first, j), format->decimal);
      else
        mostly_numeric = numeric[j] > 0 && numeric[j] * 2 > present[j];
      if (!mostly_numeric)
        continue;
      if (x == G_MAXUINT)
        x = j;
      else
        y = j;
    }

  if (x == G_MAXUINT || y == G_MAXUINT)
    {
      if (rows->len == 1 && header_allowed)
        set_header_only_error (error);
      else
        set_error_at_line (error, DESCENT_CSV_ERROR_TOO_FEW_COLUMNS, 0,
                           _("Descent needs two columns of numbers, but found %s. Check the "
                             "delimiter and the decimal mark, or choose the columns."),
                           x == G_MAXUINT ? _("none") : _("only one"));
      return FALSE;
    }

  switch (options->header)
    {
    case DESCENT_CSV_HEADER_PRESENT:
      format->header = TRUE;
      break;
    case DESCENT_CSV_HEADER_ABSENT:
      format->header = FALSE;
      break;
    case DESCENT_CSV_HEADER_AUTO:
    default:
      format->header = x_by_name || y_by_name
                       || (first != NULL
                           && (!cell_is_number (sample_cell (first, x), format->decimal)
                               || !cell_is_number (sample_cell (first, y), format->decimal)));
      break;
    }

  if (format->header && rows->len == 1)
    {
      set_header_only_error (error);
      return FALSE;
    }

  format->x_index = x;
  format->y_index = y;
  format->n_columns = n_columns;
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* A unit: one parser over a run of the file, with the rows it kept and the rows it skipped */

typedef enum {
  SKIP_TOO_FEW_FIELDS,
  SKIP_EMPTY,
  SKIP_MISSING,
  SKIP_NOT_A_NUMBER,
} SkipKind;

typedef struct {
  guint64   line;
  SkipKind  kind;
  guint     column;
  guint     n_fields;
  char     *text;
} Skip;

typedef struct {
  /* what to read */
  char               delimiter;
  char               decimal;
  guint              x_index;
  guint              y_index;
  guint              min_fields;
  gboolean           may_quote;
  gboolean           skip_first_row;

  /* where it is */
  struct csv_parser  parser;
  char              *input;         /* owned; a chunk handed to the pool */
  gsize              input_length;
  gboolean           done;          /* under Pipeline.mutex */
  guint64            line;          /* 1-based, relative to the unit's first line */
  guint64            row_line;
  int                previous_end;
  guint              field;
  DescentNumberStatus x_status;
  DescentNumberStatus y_status;
  double             x_value;
  double             y_value;
  char              *x_text;
  char              *y_text;

  /* what it found */
  double            *x;
  double            *y;
  gsize              n_rows;
  gsize              capacity;
  guint64            n_skipped;
  Skip               skips[DESCENT_DATASET_MAX_SKIPPED_DETAILS];
  guint              n_skips;

  /* the first thing that went wrong, if anything did */
  DescentCsvError    error_code;
  guint64            error_line;
  char              *error_text;
  guint              error_column;
  gboolean           failed;
} Unit;

/* Resizes a pair of columns; they keep their contents even when this fails. */
static gboolean
resize_columns (double **x,
                double **y,
                gsize   *capacity,
                gsize    wanted)
{
  double *resized;

  resized = try_realloc (*x, wanted * sizeof (double));
  if (resized == NULL && wanted > 0)
    return FALSE;
  *x = resized;
  resized = try_realloc (*y, wanted * sizeof (double));
  if (resized == NULL && wanted > 0)
    return FALSE;
  *y = resized;
  *capacity = wanted;
  return TRUE;
}

static void
unit_init (Unit                   *unit,
           const DescentCsvFormat *format,
           gboolean                may_quote,
           gboolean                skip_first_row)
{
  memset (unit, 0, sizeof *unit);
  unit->delimiter = format->delimiter;
  unit->decimal = format->decimal;
  unit->x_index = format->x_index;
  unit->y_index = format->y_index;
  unit->min_fields = MAX (format->x_index, format->y_index) + 1;
  unit->may_quote = may_quote;
  unit->skip_first_row = skip_first_row;
  unit->line = 1;
  unit->previous_end = -1;
  parser_init (&unit->parser, format->delimiter);
}

static void
unit_clear (Unit *unit)
{
  csv_free (&unit->parser);
  g_clear_pointer (&unit->x, g_free);
  g_clear_pointer (&unit->y, g_free);
  g_clear_pointer (&unit->x_text, g_free);
  g_clear_pointer (&unit->y_text, g_free);
  g_clear_pointer (&unit->error_text, g_free);
  g_clear_pointer (&unit->input, g_free);
  for (guint i = 0; i < unit->n_skips; i++)
    g_free (unit->skips[i].text);
  unit->n_skips = 0;
}

static void
unit_fail (Unit            *unit,
           DescentCsvError  code,
           guint64          line)
{
  if (unit->failed)
    return;
  unit->failed = TRUE;
  unit->error_code = code;
  unit->error_line = line;
}

static guint64
count_line_ends (const char *text,
                 gsize       length)
{
  guint64 count = 0;

  for (gsize i = 0; i < length; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == length || text[i + 1] != '\n')))
      count++;

  return count;
}

static void
unit_on_field (void   *text,
               size_t  length,
               void   *data)
{
  Unit *unit = data;
  guint field = unit->field++;

  if (field == 0)
    {
      unit->row_line = unit->line;
      unit->x_status = unit->y_status = DESCENT_NUMBER_EMPTY;
    }

  if (G_UNLIKELY (unit->may_quote))
    unit->line += count_line_ends (text, length);

  if (field == unit->x_index)
    {
      unit->x_status = descent_number_parse (text, length, unit->decimal, &unit->x_value);
      if (G_UNLIKELY (unit->x_status != DESCENT_NUMBER_OK
                      || fabs (unit->x_value) > MAX_MAGNITUDE))
        {
          g_free (unit->x_text);
          unit->x_text = displayable_text (text, length, QUOTED_TEXT_MAX);
        }
    }
  if (field == unit->y_index)
    {
      unit->y_status = descent_number_parse (text, length, unit->decimal, &unit->y_value);
      if (G_UNLIKELY (unit->y_status != DESCENT_NUMBER_OK
                      || fabs (unit->y_value) > MAX_MAGNITUDE))
        {
          g_free (unit->y_text);
          unit->y_text = displayable_text (text, length, QUOTED_TEXT_MAX);
        }
    }
}

static void
unit_skip (Unit     *unit,
           SkipKind  kind,
           guint     column,
           char    **text)
{
  unit->n_skipped++;
  if (unit->n_skips < G_N_ELEMENTS (unit->skips))
    {
      Skip *skip = &unit->skips[unit->n_skips++];
      skip->line = unit->row_line;
      skip->kind = kind;
      skip->column = column;
      skip->n_fields = unit->field;
      skip->text = text != NULL ? g_steal_pointer (text) : NULL;
    }
}


static void
unit_take_row (Unit *unit)
{
  if (unit->field < unit->min_fields)
    unit_skip (unit, SKIP_TOO_FEW_FIELDS, 0, NULL);
  else if (unit->x_status == DESCENT_NUMBER_OK && unit->y_status == DESCENT_NUMBER_OK)
    {
      if (G_UNLIKELY (fabs (unit->x_value) > MAX_MAGNITUDE
                      || fabs (unit->y_value) > MAX_MAGNITUDE))
        {
          gboolean x_bad = fabs (unit->x_value) > MAX_MAGNITUDE;

          if (!unit->failed)
            {
              char **text = x_bad ? &unit->x_text : &unit->y_text;
              unit->error_text = g_steal_pointer (text);
              unit->error_column = x_bad ? unit->x_index : unit->y_index;
            }
          unit_fail (unit, DESCENT_CSV_ERROR_TOO_LARGE, unit->row_line);
          return;
        }
      if (G_UNLIKELY (unit->n_rows == unit->capacity)
          && !resize_columns (&unit->x, &unit->y, &unit->capacity, MAX (1024, unit->capacity * 2)))
        {
          unit_fail (unit, DESCENT_CSV_ERROR_NO_MEMORY, unit->row_line);
          return;
        }
      unit->x[unit->n_rows] = unit->x_value;
      unit->y[unit->n_rows] = unit->y_value;
      unit->n_rows++;
    }
  else
    {
      gboolean x_bad = unit->x_status != DESCENT_NUMBER_OK;
      DescentNumberStatus status = x_bad ? unit->x_status : unit->y_status;
      SkipKind kind = status == DESCENT_NUMBER_EMPTY   ? SKIP_EMPTY
                    : status == DESCENT_NUMBER_MISSING ? SKIP_MISSING
                                                       : SKIP_NOT_A_NUMBER;

      unit_skip (unit, kind, x_bad ? unit->x_index : unit->y_index,
                 x_bad ? &unit->x_text : &unit->y_text);
    }
}

static void
unit_on_row (int   end,
             void *data)
{
  Unit *unit = data;
  gboolean empty = unit->field == 0;

  if (!empty)
    {
      if (G_UNLIKELY (unit->skip_first_row))
        unit->skip_first_row = FALSE;
      else
        unit_take_row (unit);
      unit->field = 0;
    }

  /* A CR LF pair ends one line; libcsv reports its LF as an empty row of its own, right
   * after the CR. An LF that ends a row with fields, or that follows spaces, ends a line
   * of its own, whatever ended the line before. */
  if (end == '\n' && empty && unit->previous_end == '\r' && !skipped_space)
    end = -1;
  else if (end == '\n' || end == '\r')
    unit->line++;
  unit->previous_end = end;
  skipped_space = FALSE;
}

/* Feeds text to the unit's parser; FALSE when the parser stopped at an error. */
static gboolean
unit_feed (Unit       *unit,
           const char *text,
           gsize       length)
{
  gsize used;

  if (unit->failed)
    return FALSE;

  used = csv_parse (&unit->parser, text, length, unit_on_field, unit_on_row, unit);
  if (used == length)
    return !unit->failed;

  switch (csv_error (&unit->parser))
    {
    case CSV_EPARSE:
      unit_fail (unit, DESCENT_CSV_ERROR_MALFORMED_QUOTE, unit->line);
      break;
    case CSV_ENOMEM:
    case CSV_ETOOBIG:
      if (parser_hit_field_limit (&unit->parser))
        unit_fail (unit, unit->parser.quoted ? DESCENT_CSV_ERROR_UNTERMINATED_QUOTE
                                             : DESCENT_CSV_ERROR_FIELD_TOO_LONG, unit->line);
      else
        unit_fail (unit, DESCENT_CSV_ERROR_NO_MEMORY, unit->line);
      break;
    default:
      unit_fail (unit, DESCENT_CSV_ERROR_READ, unit->line);
      break;
    }

  return FALSE;
}

static void
unit_finish (Unit *unit)
{
  if (unit->failed)
    return;
  if (csv_fini (&unit->parser, unit_on_field, unit_on_row, unit) != 0)
    unit_fail (unit, DESCENT_CSV_ERROR_UNTERMINATED_QUOTE, unit->line);
}

/* The number of line ends a unit passed, to number the lines of the next one. */
static guint64
unit_lines_passed (const Unit *unit)
{
  return unit->line - 1;
}

static void
unit_parse_all (Unit *unit)
{
  unit_feed (unit, unit->input, unit->input_length);
  unit_finish (unit);
}

/* Chunks in flight: the pool's threads parse them, one per core, while the calling thread
 * reads the next ones and joins finished ones to the result, oldest first. */
typedef struct {
  GThreadPool *pool;
  GMutex       mutex;
  GCond        finished;
  Unit        *units[MAX_IN_FLIGHT];
  guint        first;
  guint        count;
} Pipeline;

static void
pipeline_worker (gpointer data,
                 gpointer user_data)
{
  Pipeline *pipeline = user_data;
  Unit *unit = data;

  unit_parse_all (unit);

  g_mutex_lock (&pipeline->mutex);
  unit->done = TRUE;
  g_cond_broadcast (&pipeline->finished);
  g_mutex_unlock (&pipeline->mutex);
}

static void
pipeline_push (Pipeline *pipeline,
               Unit     *unit)
{
  g_assert (pipeline->count < MAX_IN_FLIGHT);
  pipeline->units[(pipeline->first + pipeline->count++) % MAX_IN_FLIGHT] = unit;
  g_thread_pool_push (pipeline->pool, unit, NULL);
}

/* Waits for the oldest chunk in flight and takes it out; NULL when none is. */
static Unit *
pipeline_pop (Pipeline *pipeline)
{
  Unit *unit;

  if (pipeline->count == 0)
    return NULL;
  unit = pipeline->units[pipeline->first];
  pipeline->first = (pipeline->first + 1) % MAX_IN_FLIGHT;
  pipeline->count--;

  g_mutex_lock (&pipeline->mutex);
  while (!unit->done)
    g_cond_wait (&pipeline->finished, &pipeline->mutex);
  g_mutex_unlock (&pipeline->mutex);

  return unit;
}

static void
unit_free (Unit *unit)
{
  unit_clear (unit);
  g_free (unit);
}


/* ---------------------------------------------------------------------------------------- */
/* The whole file                                                                            */

typedef struct {
  const char              *path;
  DescentCsvFormat        *format;
  GInputStream            *file_stream;
  GInputStream            *stream;
  guint64                  total_bytes;
  DescentCsvProgressFunc   progress;
  gpointer                 progress_data;
  GCancellable            *cancellable;
  guint                    threads;

  /* everything read so far that no unit has taken yet */
  char                    *buffer;
  gsize                    buffer_length;
  gsize                    buffer_size;
  gboolean                 at_end;

  /* the result, in file order */
  double                  *x;
  double                  *y;
  gsize                    n_rows;
  gsize                    capacity;
  guint64                  lines_before;
  guint64                  n_skipped;
  GArray                  *skips;          /* of Skip, with absolute lines */
  char                   **column_names;
} Reader;

static void
reader_clear (Reader *reader)
{
  g_clear_object (&reader->stream);
  g_clear_object (&reader->file_stream);
  g_clear_pointer (&reader->buffer, g_free);
  g_clear_pointer (&reader->x, g_free);
  g_clear_pointer (&reader->y, g_free);
  if (reader->skips != NULL)
    {
      for (guint i = 0; i < reader->skips->len; i++)
        g_free (g_array_index (reader->skips, Skip, i).text);
      g_clear_pointer (&reader->skips, g_array_unref);
    }
  g_clear_pointer (&reader->column_names, g_strfreev);
}

static void
report_progress (Reader *reader)
{
  if (reader->progress != NULL && G_IS_SEEKABLE (reader->file_stream))
    reader->progress ((guint64) g_seekable_tell (G_SEEKABLE (reader->file_stream)),
                      reader->total_bytes, reader->progress_data);
}

/* Reads until the buffer holds `wanted` bytes or the file ends. */
static gboolean
reader_fill (Reader  *reader,
             gsize    wanted,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (wanted > reader->buffer_size)
    {
      char *bigger = try_realloc (reader->buffer, wanted);
      if (bigger == NULL)
        {
          set_error_at_line (error, DESCENT_CSV_ERROR_NO_MEMORY, 0,
                             _("Out of memory reading “%s”."), reader->path);
          return FALSE;
        }
      reader->buffer = bigger;
      reader->buffer_size = wanted;
    }

  while (!reader->at_end && reader->buffer_length < wanted)
    {
      gssize n = g_input_stream_read (reader->stream, reader->buffer + reader->buffer_length,
                                      MIN (wanted - reader->buffer_length, chunk_size),
                                      reader->cancellable, &local_error);
      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA)
                   || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            set_error_at_line (error, DESCENT_CSV_ERROR_ENCODING, 0,
                               _("The file starts with a UTF-16 mark but is not valid UTF-16. "
                                 "Save it again as UTF-8."));
          else
            set_error_at_line (error, DESCENT_CSV_ERROR_READ, 0,
                               _("Could not read the file: %s"), local_error->message);
          return FALSE;
        }
      if (n == 0)
        reader->at_end = TRUE;
      reader->buffer_length += (gsize) n;
    }

  return TRUE;
}

static void
reader_consume (Reader *reader,
                gsize   length)
{
  g_assert (length <= reader->buffer_length);
  memmove (reader->buffer, reader->buffer + length, reader->buffer_length - length);
  reader->buffer_length -= length;
}

static gboolean
open_file (Reader  *reader,
           GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (reader->path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileInputStream *stream;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, reader->cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        set_error_at_line (error, DESCENT_CSV_ERROR_NOT_FOUND, 0,
                           _("There is no such file. Check the name and the folder."));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        set_error_at_line (error, DESCENT_CSV_ERROR_UNREADABLE, 0,
                           _("You may not read this file. Check its permissions."));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_error_at_line (error, DESCENT_CSV_ERROR_READ, 0,
                           _("Could not open the file: %s"), local_error->message);
      return FALSE;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;
    case G_FILE_TYPE_DIRECTORY:
      set_error_at_line (error, DESCENT_CSV_ERROR_IS_DIRECTORY, 0,
                         _("This is a folder, not a file. Choose a CSV file inside it."));
      return FALSE;
    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SPECIAL:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      set_error_at_line (error, DESCENT_CSV_ERROR_NOT_REGULAR, 0,
                         _("This is not a regular file (perhaps a pipe or a device). "
                           "Save the data to a file first."));
      return FALSE;
    }

  reader->total_bytes = (guint64) g_file_info_get_size (info);

  stream = g_file_read (file, reader->cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        set_error_at_line (error, DESCENT_CSV_ERROR_UNREADABLE, 0,
                           _("You may not read this file. Check its permissions."));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_error_at_line (error, DESCENT_CSV_ERROR_READ, 0,
                           _("Could not open the file: %s"), local_error->message);
      return FALSE;
    }

  reader->file_stream = G_INPUT_STREAM (stream);
  reader->stream = g_object_ref (reader->file_stream);
  return TRUE;
}

/* Byte order marks, UTF-16, binary data and empty files, from the first bytes. */
static gboolean
check_encoding (Reader  *reader,
                GError **error)
{
  const guchar *bytes;
  const char *utf16 = NULL;
  gsize probe, controls = 0;

  if (!reader_fill (reader, head_size, error))
    return FALSE;
  bytes = (const guchar *) reader->buffer;

  if (reader->buffer_length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
    utf16 = "UTF-16LE";
  else if (reader->buffer_length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
    utf16 = "UTF-16BE";

  if (utf16 != NULL)
    {
      g_autoptr(GCharsetConverter) converter = NULL;
      g_autoptr(GError) local_error = NULL;

      converter = g_charset_converter_new ("UTF-8", utf16, &local_error);
      if (converter == NULL
          || !g_seekable_seek (G_SEEKABLE (reader->file_stream), 2, G_SEEK_SET,
                               reader->cancellable, &local_error))
        {
          set_error_at_line (error, DESCENT_CSV_ERROR_ENCODING, 0,
                             _("Could not read the file as %s: %s"), utf16, local_error->message);
          return FALSE;
        }
      g_clear_object (&reader->stream);
      reader->stream = g_converter_input_stream_new (reader->file_stream,
                                                     G_CONVERTER (converter));
      reader->buffer_length = 0;
      reader->at_end = FALSE;
      g_free (reader->format->encoding);
      reader->format->encoding = g_strdup (utf16);
      if (!reader_fill (reader, head_size, error))
        return FALSE;
      bytes = (const guchar *) reader->buffer;
    }
  else if (reader->buffer_length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    {
      reader_consume (reader, 3);
      if (!reader_fill (reader, head_size, error))
        return FALSE;
    }

  /* A NUL byte, or more than one control character in ten, is not text. */
  probe = MIN (reader->buffer_length, BINARY_PROBE_SIZE);
  for (gsize i = 0; i < probe; i++)
    {
      if (bytes[i] == 0)
        controls = probe;
      else if ((bytes[i] < 0x20 && bytes[i] != '\t' && bytes[i] != '\n' && bytes[i] != '\r')
               || bytes[i] == 0x7F)
        controls++;
    }
  if (controls * 10 > probe)
    {
      set_error_at_line (error, DESCENT_CSV_ERROR_BINARY, 0,
                         _("This is not a text file: it holds binary data. Choose a CSV "
                           "file, or export one from your spreadsheet."));
      return FALSE;
    }

  for (gsize i = 0; i < reader->buffer_length; i++)
    if (!g_ascii_isspace (reader->buffer[i]))
      return TRUE;

  if (reader->at_end)
    {
      set_error_at_line (error, DESCENT_CSV_ERROR_EMPTY, 0,
                         _("The file is empty. Choose a file with two columns of numbers."));
      return FALSE;
    }

  return TRUE;
}

/* Reads on until the buffer holds @n_lines whole lines, so that a header of a million
 * columns is sampled like any other; a first line longer than any CSV file's is refused. */
static gboolean
reader_fill_lines (Reader  *reader,
                   guint    n_lines,
                   GError **error)
{
  while (!reader->at_end
         && count_line_ends (reader->buffer, reader->buffer_length) < n_lines)
    {
      if (reader->buffer_length >= HEAD_LINE_LIMIT)
        {
          set_error_at_line (error, DESCENT_CSV_ERROR_LINE_TOO_LONG,
                             count_line_ends (reader->buffer, reader->buffer_length) + 1,
                             _("A line is longer than 64 MiB. Is this really a CSV file?"));
          return FALSE;
        }
      if (!reader_fill (reader, MIN (reader->buffer_length * 4, HEAD_LINE_LIMIT), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
sniff (Reader                  *reader,
       const DescentCsvOptions *options,
       GError                 **error)
{
  DescentCsvFormat *format = reader->format;
  g_autoptr(GPtrArray) rows = NULL;
  gsize length;
  gboolean no_memory = FALSE;
  GPtrArray *first;

  if (!reader_fill_lines (reader, 2, error))
    return FALSE;
  length = reader->buffer_length;

  /* Sample whole lines only. */
  if (!reader->at_end)
    {
      gsize end = length;
      while (end > 0 && reader->buffer[end - 1] != '\n' && reader->buffer[end - 1] != '\r')
        end--;
      if (end > 0)
        length = end;
    }

  if (options->delimiter != '\0')
    format->delimiter = options->delimiter;
  else
    format->delimiter = sniff_delimiter (reader->buffer, length, reader->at_end, &rows,
                                         &no_memory);
  if (rows == NULL)
    rows = sample_parse (reader->buffer, length, format->delimiter, reader->at_end, &no_memory);
  if (no_memory)
    {
      set_error_at_line (error, DESCENT_CSV_ERROR_NO_MEMORY, 0,
                         _("Out of memory reading “%s”."), reader->path);
      return FALSE;
    }
  if (rows->len == 0)
    {
      set_error_at_line (error, DESCENT_CSV_ERROR_EMPTY, 0,
                         _("The file is empty. Choose a file with two columns of numbers."));
      return FALSE;
    }

  if (options->decimal != '\0')
    format->decimal = options->decimal;
  else
    format->decimal = sniff_decimal (rows, format->delimiter);

  if (format->decimal == format->delimiter)
    {
      set_error_at_line (error, DESCENT_CSV_ERROR_BAD_OPTIONS, 0,
                         _("The delimiter and the decimal mark cannot both be '%c'."),
                         format->delimiter);
      return FALSE;
    }

  if (!choose_columns (rows, options, format, error))
    return FALSE;

  first = g_ptr_array_index (rows, 0);
  if (format->header && g_strcmp0 (format->encoding, "UTF-8") == 0)
    for (guint j = 0; j < first->len; j++)
      if (!g_utf8_validate (g_ptr_array_index (first, j), -1, NULL))
        {
          g_free (format->encoding);
          format->encoding = g_strdup ("GB18030");
          break;
        }

  reader->column_names = g_new0 (char *, 3);
  reader->column_names[0] = column_display_name (format->header ? first : NULL, format->x_index);
  reader->column_names[1] = column_display_name (format->header ? first : NULL, format->y_index);

  /* Every column's name, for a caller that lets people choose. */
  g_strfreev (format->column_names);
  format->column_names = g_new0 (char *, format->n_columns + 1);
  for (guint j = 0; j < format->n_columns; j++)
    format->column_names[j] = column_display_name (format->header ? first : NULL, j);
  return TRUE;
}

static gboolean
reader_append (Reader *reader,
               Unit   *unit)
{
  if (reader->n_rows + unit->n_rows > reader->capacity
      && !resize_columns (&reader->x, &reader->y, &reader->capacity,
                          MAX (reader->capacity + reader->capacity / 2,
                               reader->n_rows + unit->n_rows)))
    return FALSE;

  if (unit->n_rows > 0)
    {
      memcpy (reader->x + reader->n_rows, unit->x, unit->n_rows * sizeof (double));
      memcpy (reader->y + reader->n_rows, unit->y, unit->n_rows * sizeof (double));
    }
  reader->n_rows += unit->n_rows;

  for (guint i = 0; i < unit->n_skips && reader->skips->len < DESCENT_DATASET_MAX_SKIPPED_DETAILS; i++)
    {
      Skip skip = unit->skips[i];
      skip.line += reader->lines_before;
      unit->skips[i].text = NULL;
      g_array_append_val (reader->skips, skip);
    }
  reader->n_skipped += unit->n_skipped;

  return TRUE;
}

static void
raise_unit_error (Reader  *reader,
                  Unit    *unit,
                  GError **error)
{
  guint64 line = reader->lines_before + unit->error_line;

  switch (unit->error_code)
    {
    case DESCENT_CSV_ERROR_UNTERMINATED_QUOTE:
      set_error_at_line (error, unit->error_code, line,
                         _("A quote opened on this line is never closed. Close it with \", "
                           "or remove it."));
      break;
    case DESCENT_CSV_ERROR_MALFORMED_QUOTE:
      set_error_at_line (error, unit->error_code, line,
                         _("A quoted field goes on after its closing quote. Write a quote "
                           "inside a field as \"\"."));
      break;
    case DESCENT_CSV_ERROR_FIELD_TOO_LONG:
      set_error_at_line (error, unit->error_code, line,
                         _("A field is longer than 1 MiB. Is this really a CSV file?"));
      break;
    case DESCENT_CSV_ERROR_TOO_LARGE:
      {
        const char *name = unit->error_column == reader->format->x_index
                             ? reader->column_names[0] : reader->column_names[1];
        set_error_at_line (error, unit->error_code, line,
                           _("Column '%s': %s is too large. Descent works with values up to "
                             "1e150 in size; rescale the data."),
                           name, unit->error_text != NULL ? unit->error_text : "?");
        break;
      }
    case DESCENT_CSV_ERROR_NO_MEMORY:
      set_error_at_line (error, unit->error_code, line,
                         _("Out of memory reading “%s”."), reader->path);
      break;
    case DESCENT_CSV_ERROR_NOT_FOUND:
    case DESCENT_CSV_ERROR_UNREADABLE:
    case DESCENT_CSV_ERROR_IS_DIRECTORY:
    case DESCENT_CSV_ERROR_NOT_REGULAR:
    case DESCENT_CSV_ERROR_READ:
    case DESCENT_CSV_ERROR_EMPTY:
    case DESCENT_CSV_ERROR_HEADER_ONLY:
    case DESCENT_CSV_ERROR_BINARY:
    case DESCENT_CSV_ERROR_ENCODING:
    case DESCENT_CSV_ERROR_TOO_FEW_COLUMNS:
    case DESCENT_CSV_ERROR_NO_SUCH_COLUMN:
    case DESCENT_CSV_ERROR_BAD_OPTIONS:
    case DESCENT_CSV_ERROR_TOO_FEW_ROWS:
    case DESCENT_CSV_ERROR_NO_SPREAD:
    case DESCENT_CSV_ERROR_CHANGED:
    case DESCENT_CSV_ERROR_LINE_TOO_LONG:
    default:
      set_error_at_line (error, DESCENT_CSV_ERROR_READ, line, _("The file could not be read."));
      break;
    }
}

/* Joins a parsed chunk to the result; FALSE, with the error set, if it failed. */
static gboolean
reader_join (Reader  *reader,
             Unit    *unit,
             GError **error)
{
  if (unit->failed)
    {
      raise_unit_error (reader, unit, error);
      return FALSE;
    }
  if (!reader_append (reader, unit))
    {
      set_error_at_line (error, DESCENT_CSV_ERROR_NO_MEMORY, 0,
                         _("Out of memory reading “%s”."), reader->path);
      return FALSE;
    }
  reader->lines_before += unit_lines_passed (unit);
  return TRUE;
}

/* Where a chunk may be cut so that no record crosses the cut; 0 if nowhere. */
static gsize
find_cut (const char *text,
          gsize       length,
          gboolean    at_end)
{
  const char *newline;

  if (at_end)
    return length;

  for (newline = text + length; newline > text; newline--)
    if (newline[-1] == '\n')
      return (gsize) (newline - text);

  /* Old Mac files end lines with CR alone; never cut between a CR and its LF. */
  for (gsize i = length - 1; i > 0; i--)
    if (text[i - 1] == '\r')
      return i;

  return 0;
}

/* Whether a row begins in @text: libcsv passes over line ends and spaces between rows
 * (tabs too, unless they separate the fields: parser_init), and anything else starts a
 * field. The header is the first row, wherever it is. */
static gboolean
begins_row (const char *text,
            gsize       length,
            char        delimiter)
{
  for (gsize i = 0; i < length; i++)
    if (text[i] != '\n' && text[i] != '\r' && text[i] != ' '
        && (text[i] != '\t' || delimiter == '\t'))
      return TRUE;
  return FALSE;
}

static gboolean
parse_body (Reader  *reader,
            GError **error)
{
  DescentCsvFormat *format = reader->format;
  guint n_workers = CLAMP (reader->threads > 0 ? reader->threads : g_get_num_processors (), 1,
                           MAX_WORKERS);
  Pipeline pipeline = { 0 };
  gboolean before_header = TRUE;  /* no row has begun in the chunks so far */
  gboolean sequential = FALSE;
  gboolean ok = TRUE;
  Unit *unit;
  Unit tail;

  g_mutex_init (&pipeline.mutex);
  g_cond_init (&pipeline.finished);
  pipeline.pool = g_thread_pool_new (pipeline_worker, &pipeline, (int) n_workers, FALSE, NULL);

  /* Keep two chunks per core in flight; join them in file order as they finish. */
  while (ok)
    {
      while (!sequential && pipeline.count < 2 * n_workers)
        {
          gsize length;

          if (g_cancellable_set_error_if_cancelled (reader->cancellable, error)
              || !reader_fill (reader, chunk_size, error))
            {
              ok = FALSE;
              break;
            }
          if (reader->buffer_length == 0)
            break;

          /* The buffer may hold more than a chunk: the sample, or a long first line. */
          length = MIN (reader->buffer_length, chunk_size);
          length = find_cut (reader->buffer, length,
                             reader->at_end && length == reader->buffer_length);
          if (length == 0 || memchr (reader->buffer, '"', length) != NULL)
            {
              sequential = TRUE;
              break;
            }

          /* The chunk goes with its buffer; what follows the cut starts a new one. */
          unit = g_new (Unit, 1);
          unit_init (unit, format, FALSE, before_header && format->header);
          unit->input = g_steal_pointer (&reader->buffer);
          unit->input_length = length;
          reader->buffer = g_malloc (reader->buffer_size);
          reader->buffer_length -= length;
          memcpy (reader->buffer, unit->input + length, reader->buffer_length);
          before_header = before_header
                          && !begins_row (unit->input, length, format->delimiter);
          pipeline_push (&pipeline, unit);
        }

      unit = ok ? pipeline_pop (&pipeline) : NULL;
      if (unit == NULL)
        break;
      ok = reader_join (reader, unit, error);
      unit_free (unit);
      report_progress (reader);
    }

  /* After an error, let the chunks still in flight finish before they are freed. */
  while ((unit = pipeline_pop (&pipeline)) != NULL)
    unit_free (unit);
  g_thread_pool_free (pipeline.pool, FALSE, TRUE);
  g_mutex_clear (&pipeline.mutex);
  g_cond_clear (&pipeline.finished);

  if (!ok)
    return FALSE;
  if (!sequential)
    return TRUE;

  /* From the first quote on, one parser reads the rest in order. */
  unit_init (&tail, format, TRUE, before_header && format->header);
  for (;;)
    {
      gsize length;

      if (g_cancellable_set_error_if_cancelled (reader->cancellable, error)
          || !reader_fill (reader, chunk_size, error))
        {
          unit_clear (&tail);
          return FALSE;
        }
      if (reader->buffer_length == 0)
        break;
      length = MIN (reader->buffer_length, chunk_size);
      if (!unit_feed (&tail, reader->buffer, length))
        break;
      reader_consume (reader, length);
      report_progress (reader);
      if (reader->at_end && reader->buffer_length == 0)
        break;
    }
  unit_finish (&tail);

  ok = reader_join (reader, &tail, error);
  unit_clear (&tail);
  return ok;
}

static char *
skip_message (const Skip *skip,
              char      **names,
              guint       x_index)
{
  const char *name = skip->column == x_index ? names[0] : names[1];

  switch (skip->kind)
    {
    case SKIP_TOO_FEW_FIELDS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "line %llu: %u field, too few",
                                           "line %llu: %u fields, too few",
                                           skip->n_fields),
                              (unsigned long long) skip->line, skip->n_fields);
    case SKIP_EMPTY:
      return g_strdup_printf (_("line %llu, column '%s': empty"),
                              (unsigned long long) skip->line, name);
    case SKIP_MISSING:
      return g_strdup_printf (_("line %llu, column '%s': '%s' is a missing value"),
                              (unsigned long long) skip->line, name, skip->text != NULL ? skip->text : "");
    case SKIP_NOT_A_NUMBER:
    default:
      return g_strdup_printf (_("line %llu, column '%s': '%s' is not a number"),
                              (unsigned long long) skip->line, name, skip->text != NULL ? skip->text : "");
    }
}

/* A file that grew or shrank while it was read (a log still being written, a save
 * in progress) would give a mix of old and new rows: refuse it. */
static gboolean
check_unchanged (Reader  *reader,
                 GError **error)
{
  goffset read = g_seekable_tell (G_SEEKABLE (reader->file_stream));
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (reader->file_stream),
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if ((guint64) read == reader->total_bytes
      && (info == NULL || (guint64) g_file_info_get_size (info) == reader->total_bytes))
    return TRUE;

  set_error_at_line (error, DESCENT_CSV_ERROR_CHANGED, 0,
                     _("The file changed while it was being read. Open it again once it "
                       "has been saved."));
  return FALSE;
}

static gboolean
check_rows (Reader  *reader,
            GError **error)
{
  char number[DESCENT_NUMBER_BUF_SIZE];

  if (reader->n_rows < 2)
    {
      if (reader->n_skipped > 0)
        set_error_at_line (error, DESCENT_CSV_ERROR_TOO_FEW_ROWS, 0,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "Only %llu row has numbers in both columns "
                                        "(%llu skipped). Descent needs at least two.",
                                        "Only %llu rows have numbers in both columns "
                                        "(%llu skipped). Descent needs at least two.",
                                        reader->n_rows),
                           (unsigned long long) reader->n_rows,
                           (unsigned long long) reader->n_skipped);
      else
        set_error_at_line (error, DESCENT_CSV_ERROR_TOO_FEW_ROWS, 0,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "Only %llu row of data. Descent needs at least two.",
                                        "Only %llu rows of data. Descent needs at least two.",
                                        reader->n_rows),
                           (unsigned long long) reader->n_rows);
      return FALSE;
    }

  /* Usually the second row already differs from the first. */
  for (gsize i = 1; i < reader->n_rows; i++)
    if (reader->x[i] != reader->x[0])
      return TRUE;

  set_error_at_line (error, DESCENT_CSV_ERROR_NO_SPREAD, 0,
                     _("'%s' has no spread: every value is %s. A line cannot be fitted "
                       "to a single x; choose another column."),
                     reader->column_names[0], descent_number_format (number, reader->x[0]));
  return FALSE;
}

DescentDataset *
descent_csv_load (const char               *path,
                  const DescentCsvOptions  *options,
                  DescentCsvFormat         *format,
                  DescentCsvProgressFunc    progress,
                  gpointer                  progress_data,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  static const DescentCsvOptions default_options = DESCENT_CSV_OPTIONS_INIT;
  DescentCsvFormat local_format = { 0 };
  Reader reader = { 0 };
  DescentDataset *dataset = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &default_options;

  reader.path = path;
  reader.format = &local_format;
  reader.progress = progress;
  reader.progress_data = progress_data;
  reader.cancellable = cancellable;
  reader.threads = options->threads;
  reader.skips = g_array_new (FALSE, FALSE, sizeof (Skip));
  local_format.encoding = g_strdup ("UTF-8");

  if (!open_file (&reader, error)
      || !check_encoding (&reader, error)
      || !sniff (&reader, options, error)
      || !parse_body (&reader, error)
      || !check_unchanged (&reader, error)
      || !check_rows (&reader, error))
    goto out;

  /* Give back what the growth strategy reserved but did not use; shrinking cannot lose data. */
  resize_columns (&reader.x, &reader.y, &reader.capacity, reader.n_rows);

  dataset = descent_dataset_new_take (g_steal_pointer (&reader.x), g_steal_pointer (&reader.y),
                                      reader.n_rows, reader.column_names[0],
                                      reader.column_names[1]);
  descent_dataset_set_source (dataset, path);
  for (guint i = 0; i < reader.skips->len; i++)
    {
      Skip *skip = &g_array_index (reader.skips, Skip, i);
      g_autofree char *message = skip_message (skip, reader.column_names, local_format.x_index);
      descent_dataset_add_skipped (dataset, skip->line, message);
    }
  descent_dataset_add_skipped_count (dataset, reader.n_skipped - reader.skips->len);

  if (progress != NULL)
    progress (reader.total_bytes, reader.total_bytes, progress_data);

out:
  reader_clear (&reader);
  if (format != NULL)
    *format = local_format;
  else
    descent_csv_format_clear (&local_format);

  return dataset;
}
