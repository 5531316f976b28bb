package ladder

// checkPanel checks the range of promotions whose panels the level sits on.
func (ld *loader) checkPanel(l *Ladder, lv *level, s levelSource) {
	const p = "panel.levels"
	r := lv.def.Panel.Levels
	if !lv.def.Panel.IsPublished() {
		if r != nil {
			ld.atLevel(s, p, nil, "a panel duty that is not published (published: false) has no levels")
		}
		lv.panelUnpub = true
		return
	}
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
// each panelist who may not sit on it and why, and each whose place on it
// the ladder neither allows nor forbids. It reports whether the panel
// stands: no one sits on their own panel (the engine's own rule, at every
// step), and where some level of the ladder sits on panels for promotions
// from the person's level, every panelist holds a level that does. A
// panelist whose level publishes no panel duty, or who is named by roles
// alone (a founder), or who holds a role besides a level that does not sit
// on the panel, does not count against it: the ladder does not say whether
// they may sit, so the result stands with a note. Where no level sits on
// panels for the step, the ladder does not say who may, and only the first
// rule applies.
func (e *evaluation) panel(panel []Panelist) bool {
	t := &e.t
	ok := true
	for _, pn := range panel {
		if pn.By == e.p.ID {
			t.str("; ").str(pn.By).str(" may not sit on the panel: no one judges their own assessment")
			ok = false
			continue
		}
		if !e.lv.paneled {
			continue
		}
		lv := e.l.byID[pn.Level] // nil for a panelist named by roles alone
		rank := e.lv.def.Rank
		if lv != nil && lv.panelMin != 0 && rank >= lv.panelMin && rank <= lv.panelMax {
			continue
		}
		t.str("; ")
		e.who(pn.By, pn.Level, pn.Roles)
		switch {
		case lv == nil:
			t.str(" on the panel: the panel duty of ")
			e.roleNames(pn.Roles)
			t.str(" is not published, so it does not count against the result")
			continue
		case lv.panelUnpub:
			t.str(" on the panel: ").str(string(pn.Level)).str("'s panel duty is not published, so it does not count against the result")
			continue
		case len(pn.Roles) > 0:
			t.str(" on the panel: ")
			e.panelRefusal(lv)
			t.str(", but the panel duty of ")
			e.roleNames(pn.Roles)
			t.str(" is not published, so it does not count against the result")
			continue
		}
		t.str(" may not sit on the panel: ")
		e.panelRefusal(lv)
		ok = false
	}
	return ok
}

// panelRefusal writes why a holder of lv may not sit on panels for
// promotions from the person's level.
func (e *evaluation) panelRefusal(lv *level) {
	t := &e.t
	t.str(string(lv.def.ID))
	if lv.panelMin == 0 {
		t.str(" sits on no qualification panels")
		return
	}
	t.str(" sits on panels for promotions from ").str(rangeText(lv.def.Panel.Levels)).str(" only")
}

// roleNames writes roles as "a founder" or "a founder or a worca-leadership".
func (e *evaluation) roleNames(roles []string) {
	for i, r := range roles {
		if i > 0 {
			e.t.str(" or ")
		}
		e.t.str("a ").str(r)
	}
}
