// One floating tooltip for the whole page: a title line and value lines, written as text (never parsed as HTML),
// placed beside the pointer and kept inside the window.

/** Shows and hides the page's tooltip. */
export interface Tooltip {
  /** Shows lines (the first one bold) next to the pointer of event. */
  show(event: MouseEvent, lines: readonly string[]): void;
  hide(): void;
}

/** Creates the page's tooltip element (hidden until shown). */
export function createTooltip(doc: Document): Tooltip {
  const box = doc.createElement("div");
  box.className = "tooltip";
  box.setAttribute("role", "tooltip");
  box.hidden = true;
  doc.body.appendChild(box);
  return {
    show(event, lines) {
      box.replaceChildren(
        ...lines.map((text, i) => {
          const line = doc.createElement("div");
          if (i === 0) line.className = "tooltip-title";
          line.textContent = text;
          return line;
        }),
      );
      box.hidden = false;
      const view = doc.documentElement;
      const gap = 14;
      const { width, height } = box.getBoundingClientRect();
      const left = event.clientX + gap + width > view.clientWidth ? event.clientX - gap - width : event.clientX + gap;
      const top = Math.min(event.clientY + gap, view.clientHeight - height - 4);
      box.style.left = `${Math.max(4, left) + window.scrollX}px`;
      box.style.top = `${Math.max(4, top) + window.scrollY}px`;
    },
    hide() {
      box.hidden = true;
    },
  };
}
