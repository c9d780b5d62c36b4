package dev.guestbook.harness.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextColoursTest {

  private static List<Double> rgba(double r, double g, double b, double a) {
    return List.of(r, g, b, a);
  }

  private static TextColours text(List<Double> fg, List<List<Double>> bgs, double px, int weight) {
    return new TextColours("the entry", fg, bgs, false, px, weight);
  }

  @Test
  void blackOnTheWhiteCanvasIs21AndWhiteOnItIs1() {
    assertThat(text(rgba(0, 0, 0, 1), List.of(), 16, 400).contrast()).isCloseTo(21.0, within(0.01));
    assertThat(text(rgba(255, 255, 255, 1), List.of(), 16, 400).contrast())
        .isCloseTo(1.0, within(0.001));
  }

  @Test
  void theWcagExamplesNearTheAaLine() {
    // #767676 on white is the darkest grey that passes AA (4.54:1); #777777 fails (4.48:1)
    assertThat(text(rgba(0x76, 0x76, 0x76, 1), List.of(), 16, 400).contrast())
        .isCloseTo(4.54, within(0.01));
    assertThat(text(rgba(0x77, 0x77, 0x77, 1), List.of(), 16, 400).contrast())
        .isCloseTo(4.48, within(0.01));
  }

  @Test
  void translucentBackgroundsAndTextAreCompositedOverWhatLiesBehind() {
    // 50% black over white is mid grey; white text on it
    TextColours overGrey = text(rgba(255, 255, 255, 1), List.of(rgba(0, 0, 0, 0.5)), 16, 400);
    assertThat(overGrey.contrast())
        .isCloseTo(
            text(rgba(255, 255, 255, 1), List.of(rgba(127.5, 127.5, 127.5, 1)), 16, 400).contrast(),
            within(0.001));
    // an opaque dark background behind a translucent one: the inner one is laid over it
    TextColours layered =
        text(rgba(0, 0, 0, 1), List.of(rgba(255, 255, 255, 0.1), rgba(0, 0, 0, 1)), 16, 400);
    assertThat(layered.contrast()).isLessThan(1.5);
    // 10% black text on white is nearly invisible
    assertThat(text(rgba(0, 0, 0, 0.1), List.of(), 16, 400).contrast()).isLessThan(1.3);
  }

  @Test
  void largeTextNeedsThreeToOne() {
    assertThat(text(rgba(0, 0, 0, 1), List.of(), 24, 400).requiredForAa()).isEqualTo(3.0);
    assertThat(text(rgba(0, 0, 0, 1), List.of(), 19, 700).requiredForAa()).isEqualTo(3.0);
    assertThat(text(rgba(0, 0, 0, 1), List.of(), 19, 400).requiredForAa()).isEqualTo(4.5);
  }

  @Test
  void theVerdictNamesUnreadableTextAndWhatCannotBeJudged() {
    List<TextColours> page =
        List.of(
            text(rgba(255, 255, 255, 1), List.of(), 16, 400),
            new TextColours("the form's button", rgba(0, 0, 0, 1), List.of(), true, 13, 400),
            new TextColours(
                "the form's label", rgba(0x77, 0x77, 0x77, 1), List.of(), false, 16, 400));
    assertThat(VisitorPageVerdict.readable(page, "the page"))
        .extracting(Object::toString)
        .containsExactly(
            "the page: the entry's contrast (WCAG 2.2 AA): expected at least 4.5:1, saw 1.00:1"
                + " (text [255.0, 255.0, 255.0, 1.0] on the white canvas)",
            "the page: the form's button's contrast: expected judged from its colours, saw not"
                + " judgeable: a background image lies behind it",
            "the page: the form's label's contrast (WCAG 2.2 AA): expected at least 4.5:1, saw"
                + " 4.48:1 (text [119.0, 119.0, 119.0, 1.0] on the white canvas)");
    assertThat(
            VisitorPageVerdict.readable(List.of(text(rgba(0, 0, 0, 1), List.of(), 16, 400)), "p"))
        .isEmpty();
    assertThat(VisitorPageVerdict.readable(List.of(), "p"))
        .singleElement()
        .asString()
        .contains("no such entry on the page");
  }
}
