// Children take turns when they do not all fit: calm pages, every child within one cycle.
//
// The order is frozen for a whole cycle (taken from the standings when page 1 shows), so no
// card jumps while a page shows and nobody is skipped because they moved up meanwhile; the
// counts on the cards stay live. A cycle lasts at most 60 s; ?page_seconds= shortens a page
// (for tests and for trying it out).

const CYCLE_MS = 60000;
const LONGEST_PAGE_MS = 15000;

export class Pager {
  constructor(config, onTurn, indicator, t) {
    this.onTurn = onTurn;
    this.indicator = indicator;
    this.t = t;
    this.fixedMs = config.pageSeconds ? config.pageSeconds * 1000 : 0;
    this.pages = 1;
    this.perPage = Infinity;
    this.page = 0;
    this.frozen = null; // child ids of this cycle, in order
    this.timer = null;
  }

  pageMs() {
    return this.fixedMs || Math.min(LONGEST_PAGE_MS, Math.floor(CYCLE_MS / this.pages));
  }

  setPages(pages, perPage) {
    if (pages === this.pages && perPage === this.perPage) return;
    this.pages = pages;
    this.perPage = perPage;
    this.frozen = null;
    if (this.page >= pages) this.page = 0;
    this.schedule();
    this.drawIndicator();
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = this.pages > 1 ? setTimeout(() => this.turn(), this.pageMs()) : null;
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
    this.pages = 1;
    this.perPage = Infinity;
    this.page = 0;
    this.frozen = null;
    this.drawIndicator();
  }

  turn() {
    this.page = (this.page + 1) % this.pages;
    if (this.page === 0) this.frozen = null; // a new cycle: today's standings again
    this.turned = true;
    this.drawIndicator();
    this.schedule();
    this.onTurn();
  }

  // The children on the page showing now.
  visible(children) {
    if (this.pages <= 1) return children;
    const byId = new Map(children.map((child) => [child.child_id, child]));
    if (!this.frozen || this.frozen.length !== children.length || this.frozen.some((id) => !byId.has(id))) {
      this.frozen = children.map((child) => child.child_id);
    }
    const start = this.page * this.perPage;
    return this.frozen.slice(start, start + this.perPage).map((id) => byId.get(id));
  }

  drawIndicator() {
    const box = this.indicator;
    box.hidden = this.pages <= 1;
    if (box.hidden) {
      box.replaceChildren();
      return;
    }
    box.setAttribute("aria-label", this.t("kiosk.page", { page: this.page + 1, pages: this.pages }));
    const dots = [];
    for (let i = 0; i < this.pages; i += 1) {
      const dot = document.createElement("span");
      dot.className = i === this.page ? "page-dot now" : "page-dot";
      dots.push(dot);
    }
    box.replaceChildren(...dots);
    box.dataset.page = String(this.page + 1);
    box.dataset.pages = String(this.pages);
  }
}
