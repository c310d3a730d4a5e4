// How big the children's cards can be: every name whole, never smaller than the minimum.
//
// Sizes are in px of the current screen. `measure(text, weight)` gives a text's width at
// 100 px (a canvas measures it: no layout, no style recalculation). Two card shapes are tried:
// "row" (avatar, name and coins on one line) and "stack" (the coins under the name). The
// biggest size at which every child fits on one page wins; when none does, the minimum size
// with the most children per page, and the children take turns in pages.

const STEP = 0.9;

function cardSize(shape, font, nameWidth, coinsWidth) {
  const coins = font * 1.05; // the coin count is never smaller than the name
  const padX = font * 0.45;
  const padY = font * 0.22;
  const gap = font * 0.4;
  if (shape === "row") {
    const height = Math.max(font, coins) * 1.25 + padY * 2;
    const avatar = height - padY * 2;
    return {
      width: padX * 2 + avatar + gap + nameWidth * font + gap * 1.5 + coinsWidth * coins,
      height,
      avatar,
    };
  }
  const height = font * 1.2 + coins * 1.2 + padY * 2;
  const avatar = height * 0.72;
  return {
    width: padX * 2 + avatar + gap + Math.max(nameWidth * font, coinsWidth * coins),
    height,
    avatar,
  };
}

function fit(shape, font, count, box, widths) {
  const size = cardSize(shape, font, widths.name, widths.coins);
  const width = size.width * 1.04 + 4; // room for rounding and the landed card's border
  const cols = Math.max(1, Math.floor((box.width + box.gap) / (width + box.gap)));
  const rows = Math.max(1, Math.floor((box.height + box.gap) / (size.height + box.gap)));
  const fitsWidth = width <= box.width;
  return { shape, font, cols, rows, perPage: cols * rows, fitsWidth, ...size };
}

// box: {width, height, gap, min, max} in px; widths: {name, coins} per px of font size.
export function chooseLayout(count, box, widths) {
  const n = Math.max(1, count);
  const shapes = widths.name > 0 ? ["row", "stack"] : ["row"];
  for (let font = box.max; font >= box.min; font *= STEP) {
    const options = shapes
      .map((shape) => fit(shape, font, n, box, widths))
      .filter((option) => option.fitsWidth && option.perPage >= n);
    if (options.length) return finish(options[0], n);
  }
  const best = shapes
    .map((shape) => fit(shape, box.min, n, box, widths))
    .sort((a, b) => b.perPage - a.perPage)[0];
  return finish(best, n);
}

function finish(option, n) {
  const pages = Math.ceil(n / option.perPage);
  // Even pages (20 + 20 + 20 rather than 28 + 28 + 4), in as few rows as that needs.
  const perPage = Math.ceil(n / pages);
  const rows = Math.min(option.rows, Math.ceil(perPage / option.cols));
  return { ...option, pages, perPage, rows };
}
