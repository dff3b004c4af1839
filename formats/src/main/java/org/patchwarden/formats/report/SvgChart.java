package org.patchwarden.formats.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Bar and line charts as inline SVG, drawn to be read on paper: labelled axes with ticks, the value
 * written on every bar or point, and series told apart by pattern, dash and marker shape as well as
 * shade, with a legend in words, so that no meaning rests on colour alone.
 */
public final class SvgChart {
  static final int WIDTH = 640;
  static final int HEIGHT = 260;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 34;
  private static final int BOTTOM = 58;
  private static final String[] FILLS = {"#333333", "url(#%s-hatch)", "#bbbbbb"};
  private static final String[] DASHES = {"", "6 4", "2 3"};
  private static final String[] MARKERS = {"circle", "square", "triangle"};

  /** One named series of values, one per category. */
  public record Series(String name, List<Integer> values) {
    public Series {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
    }
  }

  private SvgChart() {}

  /**
   * Grouped vertical bars: one group per category, one bar per series.
   *
   * @param id the SVG element's id (tests and links find the chart by it)
   */
  public static String bars(String id, String title, List<String> categories, String xLabel, String yLabel,
      List<Series> series) {
    check(categories, series);
    StringBuilder svg = open(id, title);
    int max = max(series);
    int step = step(max);
    int top = step * (int) Math.ceil(max / (double) step);
    axes(svg, top, step, xLabel, yLabel);
    double plotW = WIDTH - LEFT - RIGHT;
    double groupW = plotW / Math.max(1, categories.size());
    double barW = groupW * 0.7 / series.size();
    for (int c = 0; c < categories.size(); c++) {
      double groupX = LEFT + c * groupW + groupW * 0.15;
      for (int s = 0; s < series.size(); s++) {
        int v = series.get(s).values().get(c);
        double x = groupX + s * barW;
        double y = y(v, top);
        double h = (TOP + plotH()) - y;
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#000000\" "
                + "stroke-width=\"0.8\"><title>%s, %s: %d</title></rect>",
            x, y, Math.max(1, barW - 2), h, fill(s, id), Xml.escape(categories.get(c)),
            Xml.escape(series.get(s).name()), v));
        svg.append(text(x + (barW - 2) / 2, y - 3, "middle", 10, String.valueOf(v)));
      }
      svg.append(text(LEFT + c * groupW + groupW / 2, TOP + plotH() + 14, "middle", 10,
          shorten(categories.get(c), (int) Math.max(4, groupW / 6.5))));
    }
    legend(svg, series, false, id);
    return svg.append("</svg>").toString();
  }

  /** Lines over ordered categories (e.g. weeks), one per series, each point marked and labelled with its value. */
  public static String lines(String id, String title, List<String> categories, String xLabel, String yLabel,
      List<Series> series) {
    check(categories, series);
    StringBuilder svg = open(id, title);
    int max = max(series);
    int step = step(max);
    int top = step * (int) Math.ceil(max / (double) step);
    axes(svg, top, step, xLabel, yLabel);
    double plotW = WIDTH - LEFT - RIGHT;
    int n = categories.size();
    double dx = n == 1 ? 0 : (plotW - 40) / (n - 1);
    int every = Math.max(1, (int) Math.ceil(n / 8.0));
    for (int c = 0; c < n; c++) {
      if (c % every == 0 || c == n - 1) {
        svg.append(text(x(c, dx), TOP + plotH() + 14, "middle", 10, categories.get(c)));
      }
    }
    for (int s = 0; s < series.size(); s++) {
      List<Integer> values = series.get(s).values();
      StringBuilder points = new StringBuilder();
      for (int c = 0; c < n; c++) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(c, dx), y(values.get(c), top)));
      }
      svg.append("<polyline fill=\"none\" stroke=\"#000000\" stroke-width=\"1.6\"")
          .append(DASHES[s % DASHES.length].isEmpty() ? ""
              : " stroke-dasharray=\"" + DASHES[s % DASHES.length] + "\"")
          .append(" points=\"").append(points.toString().strip()).append("\"/>");
      for (int c = 0; c < n; c++) {
        double px = x(c, dx);
        double py = y(values.get(c), top);
        svg.append(marker(MARKERS[s % MARKERS.length], px, py, Xml.escape(series.get(s).name()) + ", "
            + Xml.escape(categories.get(c)) + ": " + values.get(c)));
        if (n <= 16) {
          svg.append(text(px, py - 6 - 10 * s, "middle", 9, String.valueOf(values.get(c))));
        }
      }
    }
    legend(svg, series, true, id);
    return svg.append("</svg>").toString();
  }

  private static String fill(int series, String id) {
    return String.format(Locale.ROOT, FILLS[series % FILLS.length], Xml.escape(id));
  }

  private static double x(int c, double dx) {
    return LEFT + 20 + c * dx;
  }

  private static double plotH() {
    return HEIGHT - TOP - BOTTOM;
  }

  private static double y(int v, int top) {
    return TOP + plotH() - (top == 0 ? 0 : plotH() * v / top);
  }

  private static void check(List<String> categories, List<Series> series) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("a chart needs at least one series");
    }
    for (Series s : series) {
      if (s.values().size() != categories.size()) {
        throw new IllegalArgumentException("series " + s.name() + " has " + s.values().size() + " values for "
            + categories.size() + " categories");
      }
    }
  }

  private static int max(List<Series> series) {
    return series.stream().flatMap(s -> s.values().stream()).mapToInt(Integer::intValue).max().orElse(0);
  }

  /** A tick step of 1, 2 or 5 times a power of ten giving at most five ticks above zero. */
  static int step(int max) {
    if (max <= 5) {
      return 1;
    }
    double raw = max / 5.0;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    for (int m : new int[] {1, 2, 5, 10}) {
      if (m * mag >= raw) {
        return (int) (m * mag);
      }
    }
    return (int) (10 * mag);
  }

  private static StringBuilder open(String id, String title) {
    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(Xml.escape(id))
        .append("\" class=\"chart\" role=\"img\" aria-label=\"").append(Xml.escape(title))
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\">")
        .append("<title>").append(Xml.escape(title)).append("</title>")
        .append("<defs><pattern id=\"").append(Xml.escape(id)).append("-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\">")
        .append("<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>")
        .append("<path d=\"M0,6 L6,0\" stroke=\"#000000\" stroke-width=\"1.2\"/></pattern></defs>")
        .append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" fill=\"#ffffff\"/>")
        .append(text(WIDTH / 2.0, 16, "middle", 13, title).replace("<text ", "<text font-weight=\"bold\" "));
    return svg;
  }

  private static void axes(StringBuilder svg, int top, int step, String xLabel, String yLabel) {
    double bottom = TOP + plotH();
    for (int v = 0; v <= top; v += step) {
      double y = y(v, top);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#cccccc\" stroke-width=\"0.5\"/>", LEFT, y,
          WIDTH - RIGHT, y));
      svg.append(text(LEFT - 6, y + 4, "end", 10, String.valueOf(v)));
    }
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000000\" stroke-width=\"1\"/>"
            + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000000\" stroke-width=\"1\"/>",
        LEFT, TOP, LEFT, bottom, LEFT, bottom, WIDTH - RIGHT, bottom));
    svg.append(text(LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 22, "middle", 11, xLabel));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"11\" "
            + "transform=\"rotate(-90 14 %.1f)\">%s</text>", TOP + plotH() / 2, TOP + plotH() / 2, Xml.escape(yLabel)));
  }

  private static void legend(StringBuilder svg, List<Series> series, boolean lines, String id) {
    double x = LEFT;
    double y = HEIGHT - 8;
    for (int s = 0; s < series.size(); s++) {
      if (lines) {
        svg.append(String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\" stroke-width=\"1.6\"%s/>", x,
            y - 4, x + 22, y - 4, DASHES[s % DASHES.length].isEmpty() ? ""
                : " stroke-dasharray=\"" + DASHES[s % DASHES.length] + "\""));
        svg.append(marker(MARKERS[s % MARKERS.length], x + 11, y - 4, Xml.escape(series.get(s).name())));
      } else {
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"%s\" stroke=\"#000000\" "
                + "stroke-width=\"0.8\"/>", x + 4, y - 9, fill(s, id)));
      }
      svg.append(text(x + 28, y, "start", 10, series.get(s).name()));
      x += 40 + 6.5 * series.get(s).name().length();
    }
  }

  private static String marker(String shape, double x, double y, String title) {
    String t = "<title>" + title + "</title>";
    return switch (shape) {
      case "square" -> String.format(Locale.ROOT,
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"#ffffff\" stroke=\"#000000\">%s</rect>",
          x - 3.5, y - 3.5, t);
      case "triangle" -> String.format(Locale.ROOT,
          "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#888888\" stroke=\"#000000\">%s</polygon>",
          x, y - 4.5, x - 4.5, y + 4, x + 4.5, y + 4, t);
      default -> String.format(Locale.ROOT,
          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#000000\">%s</circle>", x, y, t);
    };
  }

  private static String text(double x, double y, String anchor, int size, String content) {
    return String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-family=\"sans-serif\" font-size=\"%d\">%s</text>", x,
        y, anchor, size, Xml.escape(content));
  }

  private static String shorten(String label, int max) {
    return label.length() <= max ? label : label.substring(0, Math.max(1, max - 1)) + "\u2026";
  }
}
