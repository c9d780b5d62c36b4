package dev.guestbook.harness.verdict;

import java.util.List;

/**
 * The colours a piece of text is drawn in, as the browser computed them: its own colour and the
 * backgrounds behind it, from the element outwards until an opaque one (the page's canvas, white,
 * behind them all), each {@code [r, g, b, alpha]} with r, g, b in 0..255 and alpha in 0..1.
 *
 * @param what which text ("the entry", "the form's button")
 * @param foreground the text's colour
 * @param backgrounds the background colours behind it, innermost first, transparent ones left out
 * @param backgroundImage whether a background image lies behind it (its colours are not known)
 * @param fontPx its font size in CSS pixels
 * @param fontWeight its font weight (400 normal, 700 bold)
 */
public record TextColours(
    String what,
    List<Double> foreground,
    List<List<Double>> backgrounds,
    boolean backgroundImage,
    double fontPx,
    int fontWeight) {

  private static final List<Double> CANVAS = List.of(255.0, 255.0, 255.0, 1.0);

  /**
   * The contrast ratio of the text against its effective background, as WCAG 2.2 defines it: {@code
   * (L1 + 0.05) / (L2 + 0.05)} of the relative luminances, after compositing the backgrounds (and a
   * translucent text colour) over each other.
   */
  public double contrast() {
    List<Double> behind = CANVAS;
    for (int i = backgrounds.size() - 1; i >= 0; i--) {
      behind = over(backgrounds.get(i), behind);
    }
    double text = luminance(over(foreground, behind));
    double back = luminance(behind);
    return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
  }

  /** Large text in WCAG's sense: at least 18 pt (24 px), or 14 pt (18.66 px) and bold. */
  public boolean large() {
    return fontPx >= 24 || (fontPx >= 18.66 && fontWeight >= 700);
  }

  /** What WCAG 2.2 level AA asks of it (1.4.3): 4.5:1, or 3:1 for large text. */
  public double requiredForAa() {
    return large() ? 3.0 : 4.5;
  }

  private static List<Double> over(List<Double> top, List<Double> below) {
    double a = top.get(3);
    return List.of(
        a * top.get(0) + (1 - a) * below.get(0),
        a * top.get(1) + (1 - a) * below.get(1),
        a * top.get(2) + (1 - a) * below.get(2),
        1.0);
  }

  private static double luminance(List<Double> rgb) {
    return 0.2126 * linear(rgb.get(0)) + 0.7152 * linear(rgb.get(1)) + 0.0722 * linear(rgb.get(2));
  }

  private static double linear(double channel) {
    double c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
