// The element ids the page shell writes and the page script reads: the one contract between the two halves.

/** The `<script type="application/json">` holding the ScenarioReport. */
export const DATA_ELEMENT_ID = "bytepath-data";
/** The `<main>` the sections are drawn into. */
export const CHARTS_ELEMENT_ID = "charts";
/** The `<nav>` that gets one link per section. */
export const NAV_ELEMENT_ID = "report-nav";
