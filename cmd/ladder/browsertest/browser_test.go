package browsertest

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// root is the ladder module, three folders up.
const root = "../../.."

// browser finds Chromium: $LADDER_CHROMIUM, then the Debian package's
// /usr/bin/chromium, then the usual names on $PATH. Where none is found the
// test skips, unless LADDER_REQUIRE_BROWSER=1 (as in CI), where it fails.
func browser(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("LADDER_CHROMIUM"), "/usr/bin/chromium"}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			candidates = append(candidates, p)
		}
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if fi, err := os.Stat(c); err == nil && !fi.IsDir() {
			return c
		}
	}
	msg := "no Chromium found (tried $LADDER_CHROMIUM, /usr/bin/chromium, chromium, chromium-browser, google-chrome on $PATH); install the Debian package chromium to run the browser test"
	if os.Getenv("LADDER_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + "; LADDER_REQUIRE_BROWSER=1 requires it")
	}
	t.Skip(msg)
	return ""
}

// serve builds the ladder command, starts "ladder serve" on a free port and
// returns its base URL; the server is stopped when the test ends.
func serve(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "ladder")
	build := exec.Command("go", "build", "-o", bin, "./cmd/ladder")
	build.Dir = root
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	require.True(t, ok, "first line: %q", line)
	return base
}

// newBrowser starts headless Chromium with a fresh profile.
func newBrowser(t *testing.T, exe string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

const maya = `id: maya
name: Maya Chen
level: L7
level_since: 2022-09-01
joined: 2014-05-01
metrics:
  products_owned: 2
  weeks_with_user_conversations: "100%"
  feature_hit_rate: 0.74
  successful_scope_cuts: 3
  major_misalignment_incidents: 0
  external_contributions: 1
assessments:
  product-strategy-presentation: {result: passed, date: 2026-06-01}
`

// TestBrowserEvaluate opens the ladder page, follows the link to the form,
// submits a profile and reads the verdict from the rendered report.
func TestBrowserEvaluate(t *testing.T) {
	exe := browser(t)
	base := serve(t)
	ctx := newBrowser(t, exe)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("table.levels")),
	))
	heading := run(t, ctx, chromedp.Text(chromedp.CSS("h1")))
	assert.Equal(t, "AI-First Business Manager", heading)
	rows := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.levels tbody tr").length`))
	assert.Equal(t, 10, rows, "a row per level")
	levels := run(t, ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("svg .step-id")).map(e => e.textContent).join(" ")`))
	assert.Equal(t, "L1 L2 L3 L4 L5 L6 L7 L8 L9 L10", levels, "the track picture names every level")

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a.button[href="/evaluate"]`)),
		chromedp.WaitVisible(chromedp.ID("profile")),
		chromedp.SetValue(chromedp.ID("profile"), maya),
		chromedp.SetValue(chromedp.ID("at"), "2026-11-20"),
		chromedp.Click(chromedp.ID("submit")),
		chromedp.WaitVisible(chromedp.ID("verdict")),
	))
	verdict := run(t, ctx, chromedp.Text(chromedp.ID("verdict")))
	assert.Equal(t, "Promotion to L8: not eligible", strings.TrimSpace(verdict))
	attr := run(t, ctx, chromedp.AttributeValue(chromedp.ID("verdict"), "data-verdict"))
	assert.Equal(t, "not_eligible", attr.Value)
	standard := run(t, ctx, chromedp.Text(chromedp.ID("standard-h")))
	assert.Contains(t, standard, "of 7 met")
	profile := run(t, ctx, chromedp.Value(chromedp.ID("profile")))
	assert.Equal(t, maya, profile, "the form keeps the profile to edit and send again")
}

// people is a small JSON Lines export: two at L4, one at L7, one broken.
const people = `{"id": "kim", "level": "L4", "level_since": "2026-01-01"}
{"id": "lee", "level": "L4", "level_since": "2024-01-01"}
{"id": "maya", "level": "L7", "level_since": "2022-09-01", "joined": "2014-05-01"}
{"id": "zed", "level": "L77"}
`

// TestBrowserCycle follows the nav link to the cycle page, pastes a JSON
// Lines export and reads the cycle and its chart from the rendered page.
func TestBrowserCycle(t *testing.T) {
	exe := browser(t)
	base := serve(t)
	ctx := newBrowser(t, exe)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("table.levels")),
		chromedp.Click(chromedp.CSS(`nav a[href="/cycle"]`)),
		chromedp.WaitVisible(chromedp.ID("people")),
		chromedp.SetValue(chromedp.ID("people"), people),
		chromedp.SetValue(chromedp.ID("at"), "2026-11-20"),
		chromedp.Click(chromedp.ID("submit")),
		chromedp.WaitVisible(chromedp.ID("cycle-meta")),
	))
	meta := run(t, ctx, chromedp.Text(chromedp.ID("cycle-meta")))
	assert.Equal(t, "4 records · as of 2026-11-20 · 1 invalid", strings.TrimSpace(meta))
	desc := run(t, ctx, chromedp.Evaluate[string](`document.getElementById("chart-desc").textContent`))
	assert.Equal(t, "L4: 2 not eligible; L7: 1 not eligible.", desc)
	bars := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("figure.chart svg rect.bar.not_eligible[height='20']").length`))
	assert.Equal(t, 2, bars, "a bar per level")
	width := run(t, ctx, chromedp.Evaluate[float64](`document.querySelector("figure.chart svg").getBoundingClientRect().width`))
	assert.Greater(t, width, 200.0, "the chart is drawn")
}

// TestBrowserLayout: on a phone-sized screen no page is wider than the
// screen (tables scroll in their own box), and printing hides the
// navigation and the form.
func TestBrowserLayout(t *testing.T) {
	exe := browser(t)
	base := serve(t)
	ctx := newBrowser(t, exe)

	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile)))
	for _, path := range []string{"/", "/levels/L8", "/evaluate", "/cycle"} {
		require.NoError(t, chromedp.Do(ctx,
			chromedp.Navigate(base+path),
			chromedp.WaitVisible(chromedp.CSS("main")),
		))
		overflow := run(t, ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
		assert.False(t, overflow, "%s is wider than a phone screen", path)
	}

	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(base+"/evaluate"),
		chromedp.WaitReady(chromedp.CSS("main")),
	))
	nav := run(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("header nav")).display`))
	form := run(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("form")).display`))
	assert.Equal(t, "none", nav)
	assert.Equal(t, "none", form)
}

// TestBrowserUnderCSP: every page works under the Content-Security-Policy
// the server sends (issue 24): the style sheet applies, the forms submit,
// the report and the chart draw, and the browser reports no violation;
// and the policy is in force: a style written into the page is refused.
func TestBrowserUnderCSP(t *testing.T) {
	exe := browser(t)
	base := serve(t)
	ctx := newBrowser(t, exe)

	var mu sync.Mutex
	var violations []string
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*cdplog.EventEntryAdded); ok && (strings.Contains(e.Entry.Text, "Content Security Policy") || strings.Contains(e.Entry.Text, "Refused to")) {
			mu.Lock()
			violations = append(violations, e.Entry.URL+": "+e.Entry.Text)
			mu.Unlock()
		}
	}))
	_, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{})
	require.NoError(t, err)
	styled := func(where string) {
		t.Helper()
		display := run(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("header")).display`))
		assert.Equal(t, "flex", display, "%s: the style sheet applies", where)
	}
	for _, path := range []string{"/", "/levels/L8", "/evaluate", "/cycle", "/nowhere"} {
		require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("main"))))
		styled(path)
	}
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(base+"/evaluate"),
		chromedp.WaitVisible(chromedp.ID("profile")),
		chromedp.SetValue(chromedp.ID("profile"), maya),
		chromedp.SetValue(chromedp.ID("at"), "2026-11-20"),
		chromedp.Click(chromedp.ID("submit")),
		chromedp.WaitVisible(chromedp.ID("verdict")),
	))
	styled("the report")
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(base+"/cycle"),
		chromedp.WaitVisible(chromedp.ID("people")),
		chromedp.SetValue(chromedp.ID("people"), people),
		chromedp.Click(chromedp.ID("submit")),
		chromedp.WaitVisible(chromedp.ID("cycle-meta")),
	))
	styled("the cycle")
	width := run(t, ctx, chromedp.Evaluate[float64](`document.querySelector("figure.chart svg").getBoundingClientRect().width`))
	assert.Greater(t, width, 200.0, "the chart is drawn")
	mu.Lock()
	assert.Empty(t, violations, "the browser refused part of a page")
	mu.Unlock()

	// The policy is in force: a style the page did not load from the
	// server is refused.
	color := run(t, ctx, chromedp.Evaluate[string](`(() => {
		const s = document.createElement("style");
		s.textContent = "body { color: rgb(1, 2, 3) }";
		document.head.appendChild(s);
		return getComputedStyle(document.body).color;
	})()`))
	assert.NotEqual(t, "rgb(1, 2, 3)", color, "an inline style was applied: no Content-Security-Policy")
}

// run runs one action and returns its value, failing the test on an error.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	require.NoError(t, err)
	return v
}
