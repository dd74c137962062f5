// A display equation too wide for its box scrolls sideways inside it (on a phone, inside a
// solution). Equations are out of the Tab order (mathjax3_config in _config.yml), so a box
// that scrolls is made a Tab stop of its own, with a name a screen reader announces: a
// keyboard reader can then scroll it with the arrow keys (WCAG 2.1.1, axe-core's rule
// scrollable-region-focusable). Checked again whenever the box changes size.
(function () {
  const NAME = "Wide equation: scroll sideways to read all of it";

  function mark(box) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    const marked = box.hasAttribute("data-scroll-stop");
    if (scrolls && !marked) {
      box.setAttribute("data-scroll-stop", box.getAttribute("tabindex") || "");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", NAME);
    } else if (!scrolls && marked) {
      const before = box.getAttribute("data-scroll-stop");
      if (before) box.setAttribute("tabindex", before);
      else box.removeAttribute("tabindex");
      box.removeAttribute("data-scroll-stop");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  function watch() {
    const observer = new ResizeObserver((entries) => entries.forEach((e) => mark(e.target)));
    document.querySelectorAll('mjx-container[display="true"]').forEach((box) => {
      observer.observe(box);
    });
  }

  window.addEventListener("load", () => {
    const startup = window.MathJax && window.MathJax.startup;
    if (startup && startup.promise) startup.promise.then(watch);
  });
})();
