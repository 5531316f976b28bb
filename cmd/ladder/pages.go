package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/ladderkit/ladder"
)

// This file holds the web pages: server-rendered HTML that works without
// JavaScript. The templates and the style sheet are in web/.

var pageFuncs = template.FuncMap{
	"mark": checkMark,
	"date": date,
	"verdictWord": func(v ladder.Verdict) string {
		return strings.ReplaceAll(string(v), "_", " ")
	},
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
	"sub":  func(a, b int) int { return a - b },
	"gaps": gapsText,
}

// gapsText says what the gaps of a check still need, as the text report's
// "→ …" line does.
func gapsText(gaps []ladder.Gap) string {
	parts := make([]string, len(gaps))
	for i, g := range gaps {
		parts[i] = g.String()
	}
	return strings.Join(parts, "; ")
}

// checkMark is the mark of a status, as in the text report.
func checkMark(s ladder.Status) string {
	switch s {
	case ladder.Met:
		return "✓"
	case ladder.Unmet:
		return "✗"
	case ladder.Waived:
		return "~"
	}
	return "?"
}

// page is what every page template gets.
type page struct {
	Title  string // the <title>, before " · ladder"
	Ladder string // the ladder's name, for the header
	Body   any    // the page's own data
	// Standalone pages (ladder cycle --format html) carry their style
	// sheet inline and no links to the server's pages.
	Standalone bool
	Style      template.CSS
}

// parsePages parses the page templates of web/.
func parsePages() (*template.Template, error) {
	return template.New("").Funcs(pageFuncs).ParseFS(webFS, "web/*.html")
}

// render writes the template name with data, buffered so that a template
// error is a clean 500 rather than half a page.
func (s *server) render(w http.ResponseWriter, status int, name, title string, body any) {
	var b bytes.Buffer
	info := s.l.Info()
	err := s.pages.ExecuteTemplate(&b, name, page{Title: title, Ladder: cmp.Or(info.Name, info.ID), Body: body})
	if err != nil {
		http.Error(w, "internal error rendering the page", http.StatusInternalServerError)
		return
	}
	htmlHeaders(w, b.Len())
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func (s *server) styleSheet(w http.ResponseWriter, _ *http.Request) {
	b, err := webFS.ReadFile("web/style.css")
	if err != nil {
		http.Error(w, "no style sheet", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "max-age=3600")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

func (s *server) notFoundPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusNotFound, "notfound.html", "Not found", r.URL.Path)
}

// levelRowView is a row of the levels table.
type levelRowView struct {
	ID    ladder.LevelID
	Cells []string // the cells after the id, as "ladder levels" shows them
}

// ladderView is the ladder page.
type ladderView struct {
	Info    ladder.Info
	Header  []string
	Rows    []levelRowView
	Track   trackPicture
	Metrics []ladder.Metric
}

func (s *server) ladderPage(w http.ResponseWriter, _ *http.Request) {
	levels := s.l.Levels()
	v := ladderView{Info: s.l.Info(), Track: newTrackPicture(levels), Metrics: s.l.Metrics(),
		Header: []string{"Rank", "Level", "Title", "Sub-track", "Min months to next", "Fast-track", "Nomination", "Mentee slots", "Referral"}}
	for _, lv := range levels {
		row := levelRow(lv)
		v.Rows = append(v.Rows, levelRowView{ID: lv.ID, Cells: row})
	}
	s.render(w, http.StatusOK, "ladder.html", "The track", v)
}

// levelView is the level page.
type levelView struct {
	Level      ladder.Level
	Prev, Next *ladder.Level
	Promotion  []pair // the gates of the step up, in words
	Mentorship []pair
}

// pair is a label and its value, for a <dl>.
type pair struct{ K, V string }

func pairs(kvs []kv) []pair {
	out := make([]pair, len(kvs))
	for i, p := range kvs {
		out[i] = pair{p.k, p.v}
	}
	return out
}

func (s *server) levelPage(w http.ResponseWriter, r *http.Request) {
	lv, ok := findLevel(s.l, r.PathValue("id"))
	if !ok {
		s.notFoundPage(w, r)
		return
	}
	v := levelView{Level: lv}
	levels := s.l.Levels()
	for i := range levels {
		if levels[i].ID != lv.ID {
			continue
		}
		if i > 0 {
			v.Prev = &levels[i-1]
		}
		if i+1 < len(levels) {
			v.Next = &levels[i+1]
		}
	}
	if p := lv.Promotion; p != nil && p.IsPublished() {
		v.Promotion = pairs(promotionPairs(lv, p, levels))
	}
	if m := lv.Mentorship; m != nil {
		v.Mentorship = []pair{{"slots", slotsText(m)}, {"referral", referralText(m)}}
		if m.Receives != "" {
			v.Mentorship = append([]pair{{"receives", m.Receives}}, v.Mentorship...)
		}
	}
	s.render(w, http.StatusOK, "level.html", lv.Name(), v)
}

// evaluateView is the evaluate page: the form, and the report or the
// problems of the profile sent.
type evaluateView struct {
	Profile  string // the profile as sent, to edit and send again
	At       string // the evaluation date as typed
	Today    string
	Report   *reportView
	Error    string    // what is wrong with the request as a whole
	Problems []problem // what is wrong with the profile
}

// reportView is a report with the figures the text report draws.
type reportView struct {
	*ladder.Report
	ChecklistPercent int
	StandardsMet     int
	Referrals        [][]string // the cells of each referral, as ladder referrals shows them
	ReferralHeader   []string
	Totals, Upcoming string
	Path             *pathView // nil when the path could not be projected
}

// pathView is the person's path to the top, as "ladder path" shows it.
type pathView struct {
	Summary string // ladder.PathText
	Steps   []stepView
}

type stepView struct {
	From, To    ladder.LevelID
	When, Needs string
}

func newPathView(steps []ladder.Step) *pathView {
	v := &pathView{Summary: ladder.PathText(steps)}
	for _, st := range steps {
		v.Steps = append(v.Steps, stepView{From: st.From, To: st.To, When: stepWhen(st), Needs: stepNeeds(st, "")})
	}
	return v
}

func newReportView(r *ladder.Report) *reportView {
	v := &reportView{Report: r, ReferralHeader: referralHeader,
		Totals: moneyList(r.Totals), Upcoming: moneyList(r.Upcoming)}
	if r.Checklist.Total > 0 {
		v.ChecklistPercent = 100 * r.Checklist.Done / r.Checklist.Total
	}
	for _, c := range r.Standards {
		if c.Status == ladder.Met {
			v.StandardsMet++
		}
	}
	for _, f := range r.Referrals {
		cells := referralCells(f)
		row := make([]string, len(cells))
		for i, c := range cells {
			row[i] = c.text
		}
		v.Referrals = append(v.Referrals, row)
	}
	return v
}

func (s *server) evaluateForm(w http.ResponseWriter, _ *http.Request) {
	s.render(w, http.StatusOK, "evaluate.html", "Evaluate a profile", evaluateView{Today: date(s.today())})
}

// evaluatePage evaluates the profile of the form: the uploaded file when
// one was chosen, else the text pasted.
func (s *server) evaluatePage(w http.ResponseWriter, r *http.Request) {
	v := evaluateView{Today: date(s.today())}
	fail := func(status int, msg string) {
		v.Error = msg
		s.render(w, status, "evaluate.html", "Evaluate a profile", v)
	}
	if kind, mt := kindOf(r); kind != bodyForm {
		fail(http.StatusUnsupportedMediaType, fmt.Sprintf("unsupported Content-Type %q: send the form", mt))
		return
	}
	s.bodyDeadline(w)
	r.Body = http.MaxBytesReader(w, r.Body, maxProfileSize+64<<10) // the profile and the rest of the form
	data, err := formProfile(r)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe) || errors.Is(err, errTooLarge):
		fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("The profile is larger than the limit of %d bytes.", maxProfileSize))
		return
	case err != nil:
		status, msg := readFailure(err, maxProfileSize)
		fail(status, "The form could not be read: "+msg+".")
		return
	}
	v.Profile, v.At = string(data), strings.TrimSpace(r.PostFormValue("at"))
	at := s.today()
	if v.At != "" {
		if at, err = ladder.ParseDate(v.At); err != nil {
			fail(http.StatusBadRequest, "Evaluation date: "+err.Error())
			return
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		fail(http.StatusBadRequest, "Paste a profile or choose a file.")
		return
	}
	release, ok := s.acquire(w, r)
	if !ok {
		return
	}
	var rep *ladder.Report
	var steps []ladder.Step
	p, err := ladder.ParsePerson(data)
	if err == nil {
		rep, err = s.l.Evaluate(p, ladder.At(at))
	} else if _, all := s.l.Evaluate(p, ladder.At(at)); all != nil {
		err = all // the profile's problems with those the ladder finds in what did read
	}
	if err == nil {
		steps, err = s.l.Path(p, ladder.At(at))
	}
	release()
	if err != nil {
		v.Problems = problemsOf(err, data)
		fail(http.StatusUnprocessableEntity, "The profile has problems; nothing was evaluated.")
		return
	}
	v.Report = newReportView(rep)
	v.Report.Path = newPathView(steps)
	s.render(w, http.StatusOK, "evaluate.html", "Report for "+rep.Person, v)
}

var errTooLarge = errors.New("profile too large")

// formProfile reads the profile of the evaluate form: the file field
// "file" when a file was chosen, else the text field "profile".
func formProfile(r *http.Request) ([]byte, error) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseMultipartForm(maxProfileSize + 64<<10); err != nil {
			return nil, err
		}
		if f, fh, err := r.FormFile("file"); err == nil {
			defer f.Close()
			if fh.Size > 0 {
				data, err := io.ReadAll(io.LimitReader(f, maxProfileSize+1))
				if err != nil {
					return nil, err
				}
				if len(data) > maxProfileSize {
					return nil, errTooLarge
				}
				return data, nil
			}
		}
	} else if err := r.ParseForm(); err != nil {
		return nil, err
	}
	text := strings.ReplaceAll(r.PostFormValue("profile"), "\r\n", "\n") // browsers send CRLF
	if len(text) > maxProfileSize {
		return nil, errTooLarge
	}
	return []byte(text), nil
}

// trackPicture is the track drawn as a staircase of levels, one step per
// level, an arrow per promotion (dashed when its criteria are unpublished).
type trackPicture struct {
	Width, Height int
	Steps         []trackStep
	Desc          string // the picture in words, for screen readers
}

type trackStep struct {
	ID         ladder.LevelID
	Title      string
	X, Y, W, H int
	// the arrow to the next step, when there is one
	Arrow                  bool
	Unpublished            bool
	AX1, AY1, AX2, AY2     int
	LabelX, LabelY, TitleY int
}

const (
	stepW, stepH, stepGap, stepRise = 96, 56, 24, 30
)

func newTrackPicture(levels []ladder.Level) trackPicture {
	n := max(1, len(levels))
	p := trackPicture{Width: n*(stepW+stepGap) - stepGap + 2, Height: (n-1)*stepRise + stepH + 2}
	var words []string
	for i, lv := range levels {
		x, y := 1+i*(stepW+stepGap), 1+(n-1-i)*stepRise
		st := trackStep{ID: lv.ID, Title: lv.Title, X: x, Y: y, W: stepW, H: stepH,
			LabelX: x + stepW/2, LabelY: y + 22, TitleY: y + 42}
		if r := []rune(st.Title); len(r) > 14 {
			st.Title = string(r[:13]) + "…"
		}
		if pr := lv.Promotion; pr != nil && i+1 < n {
			st.Arrow, st.Unpublished = true, !pr.IsPublished()
			st.AX1, st.AY1 = x+stepW, y+stepH/2
			st.AX2, st.AY2 = x+stepW+stepGap-2, y-stepRise+stepH/2
			step := fmt.Sprintf("%s to %s", lv.ID, pr.To)
			if st.Unpublished {
				step += " (criteria unpublished)"
			}
			words = append(words, step)
		}
		p.Steps = append(p.Steps, st)
	}
	if n > 0 {
		p.Desc = fmt.Sprintf("%d levels from %s to %s; promotions: %s.", n, levels[0].ID, levels[n-1].ID, strings.Join(words, ", "))
	}
	return p
}
