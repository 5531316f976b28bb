package ladder

// checkPanel checks the range of promotions whose panels the level sits on.
func (ld *loader) checkPanel(l *Ladder, lv *level, s levelSource) {
	const p = "panel.levels"
	r := lv.def.Panel.Levels
	if r == nil {
		ld.required(s, "panel", "levels", "")
		return
	}
	if !ld.required(s, p, "min", string(r.Min)) || !ld.required(s, p, "max", string(r.Max)) {
		return
	}
	lo, hi := ld.levelRef(l, s, p+".min", r.Min), ld.levelRef(l, s, p+".max", r.Max)
	if lo == nil || hi == nil || !ld.ranked(lo) || !ld.ranked(hi) {
		return
	}
	if lo.def.Rank > hi.def.Rank {
		ld.atLevel(s, p, nil, "panel level range runs backwards: %s ranks above %s", r.Min, r.Max)
		return
	}
	lv.panelMin, lv.panelMax = lo.def.Rank, hi.def.Rank
}

// panel checks the panel recorded for an assessment of the person, writing
// each panelist who may not sit on it and why. It reports whether the
// panel stands: every panelist holds a level that sits on panels for
// promotions from the person's level. Where no level of the ladder sits on
// panels for that step, the ladder does not say who may, and any panel
// stands.
func (e *evaluation) panel(panel []Panelist) bool {
	if len(panel) == 0 || !e.lv.paneled {
		return true
	}
	t := &e.t
	ok := true
	for _, pn := range panel {
		lv := e.l.byID[pn.Level]
		rank := e.lv.def.Rank
		switch {
		case pn.By == e.p.ID:
			t.str("; ").str(pn.By).str(" may not sit on the panel: no one judges their own assessment")
		case lv.panelMin == 0:
			t.str("; ").str(pn.By).str(" (").str(string(pn.Level)).str(") may not sit on the panel: ")
			t.str(string(pn.Level)).str(" sits on no qualification panels")
		case rank < lv.panelMin || rank > lv.panelMax:
			t.str("; ").str(pn.By).str(" (").str(string(pn.Level)).str(") may not sit on the panel: ")
			t.str(string(pn.Level)).str(" sits on panels for promotions from ").str(rangeText(lv.def.Panel.Levels)).str(" only")
		default:
			continue
		}
		ok = false
	}
	return ok
}
