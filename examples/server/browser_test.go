package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/match/report"
	"github.com/certmatch/certmatch/scoring"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// findBrowser returns the path of a Chromium or Chrome binary, "" when
// none is installed.
func findBrowser() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a headless browser with a fresh profile and returns
// its context.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := findBrowser()
	if path == "" && os.Getenv("CERTMATCH_REQUIRE_BROWSER") != "" {
		t.Fatal("CERTMATCH_REQUIRE_BROWSER is set and no Chromium or Chrome is installed")
	}
	if path == "" {
		t.Skip("no Chromium or Chrome found (install Debian's chromium package: apt-get install -y chromium; or set CHROME_PATH)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// The first run starts the browser and binds its life to ctx: no
	// timeout on it, one on what follows.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

// browse runs browser actions, failing the test with what was being done.
func browse(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression into *out, as an action.
func eval[T any](expr string, out *T) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		v, err := chromedp.Evaluate[T](expr)(ctx, tg)
		*out = v
		return err
	})
}

// text reads an element's text into *out, as an action.
func text(sel string, out *string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		v, err := chromedp.TextContent(chromedp.CSS(sel))(ctx, tg)
		*out = v
		return err
	})
}

// until waits for a JavaScript condition to hold.
func until(cond string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(20*time.Second))(ctx, tg)
		return err
	})
}

// idsOf is the candidate ids a list shows, in order.
func idsOf(list string) string {
	return `Array.from(document.querySelectorAll("#` + list + ` li.cand")).map(li => li.dataset.id)`
}

func rankIDs(t *testing.T, eng engine, role scoring.Role, opts match.RankOptions) []string {
	t.Helper()
	r, err := eng.Rank(context.Background(), role, opts)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, res := range r.Results {
		ids = append(ids, res.CandidateID)
	}
	return ids
}

// TestPage drives the recruiters' page in headless Chromium: a token,
// a file upload, a saved role, the two rankings with their components,
// missing items and next steps, paging, a filter, and a pasted posting.
// Every list must be the engine's ranking.
func TestPage(t *testing.T) {
	ctx := newBrowser(t)
	ts := newTestServer(t, serverOpts{auth: true})
	ts.putRoleFile("senior-java")
	eng := ts.s.b.eng
	role := loadTestRole(t, "senior-java")
	candidates, err := filepath.Abs(filepath.Join("..", "..", "testdata", "candidates.json"))
	if err != nil {
		t.Fatal(err)
	}

	browse(t, ctx, "open the page and give the token",
		chromedp.Navigate(ts.http.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#token")),
		eval(`(() => { const e = document.getElementById("token"); e.value = "`+rwToken+`"; e.dispatchEvent(new Event("change")); })()`, new(any)),
		until(`document.querySelector("#saved-role option[value='senior-java']") !== null`),
	)

	var importStatus string
	browse(t, ctx, "upload the candidates",
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{candidates}),
		chromedp.Click(chromedp.CSS("#upload")),
		until(`document.getElementById("import-status").textContent.startsWith("Read ")`),
		text("#import-status", &importStatus),
	)
	n, _ := eng.Count(context.Background())
	if n == 0 || !strings.HasPrefix(importStatus, "Read 57, imported 57") {
		t.Fatalf("import status %q, index holds %d", importStatus, n)
	}

	var eligible, nearest, nextSteps []string
	var eligibleCount, firstMissing, componentNames string
	browse(t, ctx, "rank against the saved role",
		eval(`(() => { const s = document.getElementById("saved-role"); s.value = "senior-java"; s.dispatchEvent(new Event("change")); })()`, new(any)),
		chromedp.Click(chromedp.CSS("#rank")),
		until(`document.querySelectorAll("#eligible li.cand").length > 0 && document.querySelectorAll("#nearest li.cand").length > 0`),
		eval(idsOf("eligible"), &eligible),
		eval(idsOf("nearest"), &nearest),
		text("#eligible-count", &eligibleCount),
		eval(`Array.from(document.querySelectorAll("#nearest li.cand")).map(li => { const n = li.querySelector(".next"); return n ? n.textContent : ""; })`, &nextSteps),
		eval(`document.querySelector("#nearest li.cand .missing").textContent`, &firstMissing),
		eval(`Array.from(document.querySelectorAll("#eligible li.cand:first-child .component .name")).map(e => e.textContent).join(",")`, &componentNames),
	)
	full, err := eng.Rank(context.Background(), role, match.RankOptions{Top: 10})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rankIDs(t, eng, role, match.RankOptions{Top: 10}), eligible); diff != "" {
		t.Errorf("eligible list (-engine +page):\n%s", diff)
	}
	if diff := cmp.Diff(rankIDs(t, eng, role, match.RankOptions{Top: 10, Offset: full.Eligible, IncludeIneligible: true}), nearest); diff != "" {
		t.Errorf("nearest-to-eligible list (-engine +page):\n%s", diff)
	}
	if want := "(" + strconv.Itoa(full.Eligible) + ")"; eligibleCount != want {
		t.Errorf("eligible count %q, want %q", eligibleCount, want)
	}
	near, err := eng.Rank(context.Background(), role, match.RankOptions{Top: 10, Offset: full.Eligible, IncludeIneligible: true})
	if err != nil {
		t.Fatal(err)
	}
	// The page's next step is report.FirstStep's, for every candidate.
	var wantSteps []string
	for _, r := range near.Results {
		s := ""
		if step, ok := report.FirstStep(r.Result); ok {
			s = "Next step: " + step.Text
		}
		wantSteps = append(wantSteps, s)
	}
	if diff := cmp.Diff(wantSteps, nextSteps); diff != "" {
		t.Errorf("next steps of the nearest list (-report.FirstStep +page):\n%s", diff)
	}
	res := near.Results[0].Result
	if m := res.Missing[0]; !strings.HasSuffix(firstMissing, m.Requirement+": "+m.Reason) {
		t.Errorf("first nearest candidate's missing item %q, want %q", firstMissing, m.Requirement+": "+m.Reason)
	}
	var names []string
	for _, c := range full.Results[0].Components {
		names = append(names, c.Name)
	}
	if componentNames != strings.Join(names, ",") {
		t.Errorf("components shown %q, want %q", componentNames, strings.Join(names, ","))
	}

	if full.Eligible > 10 {
		var page2 []string
		browse(t, ctx, "page the eligible list",
			chromedp.Click(chromedp.CSS("#eligible-next")),
			until(`document.querySelector("#eligible li.cand .rank").textContent === "#11"`),
			eval(idsOf("eligible"), &page2),
		)
		if diff := cmp.Diff(rankIDs(t, eng, role, match.RankOptions{Top: 10, Offset: 10}), page2); diff != "" {
			t.Errorf("eligible page 2 (-engine +page):\n%s", diff)
		}
	} else {
		t.Errorf("only %d eligible: the paging step tests nothing", full.Eligible)
	}

	var filtered []string
	browse(t, ctx, "filter by text",
		chromedp.SendKeys(chromedp.CSS("#f-text"), "kafka"),
		chromedp.Click(chromedp.CSS("#rank")),
		until(`document.querySelector("#eligible li.cand .rank") && document.querySelector("#eligible li.cand .rank").textContent === "#1" && document.getElementById("rank-status").textContent.startsWith("Ranked")`),
		eval(idsOf("eligible"), &filtered),
	)
	wantFiltered := rankIDs(t, eng, role, match.RankOptions{Top: 10, Query: "kafka"})
	if diff := cmp.Diff(wantFiltered, filtered); diff != "" {
		t.Errorf("filtered list (-engine +page):\n%s", diff)
	}
	if len(wantFiltered) >= len(rankIDs(t, eng, role, match.RankOptions{Top: 100})) {
		t.Errorf("the text filter removes no one: the step tests nothing")
	}

	job, err := os.ReadFile(filepath.Join("..", "..", "testdata", "jsonresume", "sample.job.json"))
	if err != nil {
		t.Fatal(err)
	}
	jobRole, err := input.RoleFromJob(strings.NewReader(string(job)), scoring.DefaultCatalog())
	if err != nil {
		t.Fatal(err)
	}
	quoted, err := json.Marshal(string(job))
	if err != nil {
		t.Fatal(err)
	}
	var problemText string
	var isError bool
	browse(t, ctx, "read a posting the server refuses",
		eval(`document.getElementById("posting").value = '{"title": "Dev", "remote": "Sometimes"}'`, new(any)),
		chromedp.Click(chromedp.CSS("#read-posting")),
		until(`document.getElementById("role-status").classList.contains("error")`),
		text("#role-status", &problemText),
		eval(`document.getElementById("save-role").hidden`, &isError),
	)
	if !strings.HasPrefix(problemText, "Invalid field: ") || !strings.HasSuffix(problemText, "(field remote of dev)") || !isError {
		t.Errorf("problem shown as %q (save button hidden: %v), want its title, detail, field and record", problemText, isError)
	}

	var roleStatus string
	var fromPosting []string
	browse(t, ctx, "rank against a pasted posting",
		eval(`document.getElementById("f-text").value = ""`, new(any)),
		eval(`document.getElementById("posting").value = `+string(quoted), new(any)),
		chromedp.Click(chromedp.CSS("#read-posting")),
		until(`document.getElementById("role-status").textContent.startsWith("Role ")`),
		text("#role-status", &roleStatus),
		chromedp.Click(chromedp.CSS("#rank")),
		until(`document.getElementById("rank-status").textContent.includes("against `+jobRole.ID+`")`),
		eval(idsOf("eligible")+`.concat(`+idsOf("nearest")+`)`, &fromPosting),
	)
	if !strings.HasPrefix(roleStatus, "Role "+jobRole.ID) {
		t.Errorf("role status %q, want the role %s", roleStatus, jobRole.ID)
	}
	jr, err := eng.Rank(context.Background(), jobRole, match.RankOptions{Top: 10})
	if err != nil {
		t.Fatal(err)
	}
	want := append(rankIDs(t, eng, jobRole, match.RankOptions{Top: 10}), rankIDs(t, eng, jobRole, match.RankOptions{Top: 10, Offset: jr.Eligible, IncludeIneligible: true})...)
	if len(want) == 0 {
		t.Errorf("the posting ranks no one: the step tests nothing")
	}
	if diff := cmp.Diff(want, fromPosting); diff != "" {
		t.Errorf("ranking for the posting (-engine +page):\n%s", diff)
	}

	var selected string
	browse(t, ctx, "save the posting's role",
		chromedp.Click(chromedp.CSS("#save-role")),
		until(`document.getElementById("role-status").textContent.startsWith("Saved role `+jobRole.ID+`")`),
		eval(`document.getElementById("saved-role").value`, &selected),
	)
	if selected != jobRole.ID {
		t.Errorf("saved role picked: %q, want %q", selected, jobRole.ID)
	}
	if saved, ok := ts.s.roles.get(jobRole.ID); !ok || !cmp.Equal(asJSON(t, saved), asJSON(t, jobRole)) {
		t.Errorf("the server holds %+v for %s, want the posting's role", saved, jobRole.ID)
	}
	if _, err := os.Stat(filepath.Join(ts.roles, jobRole.ID+".json")); err != nil {
		t.Errorf("saved role file: %v", err)
	}

	// A posting pasted as text (Markdown here) is sent as text/plain.
	md, err := os.ReadFile(filepath.Join("..", "..", "testdata", "jobs", "senior-java-backend.md"))
	if err != nil {
		t.Fatal(err)
	}
	mdRole, err := input.RoleFromJob(strings.NewReader(string(md)), scoring.DefaultCatalog())
	if err != nil {
		t.Fatal(err)
	}
	mdQuoted, _ := json.Marshal(string(md))
	var fromText []string
	browse(t, ctx, "rank against a posting pasted as text",
		eval(`document.getElementById("posting").value = `+string(mdQuoted), new(any)),
		chromedp.Click(chromedp.CSS("#read-posting")),
		until(`document.getElementById("role-status").textContent.startsWith("Role `+mdRole.ID+`")`),
		chromedp.Click(chromedp.CSS("#rank")),
		until(`document.getElementById("rank-status").textContent.includes("against `+mdRole.ID+`")`),
		eval(idsOf("eligible")+`.concat(`+idsOf("nearest")+`)`, &fromText),
	)
	mr, err := eng.Rank(context.Background(), mdRole, match.RankOptions{Top: 10})
	if err != nil {
		t.Fatal(err)
	}
	wantText := append(rankIDs(t, eng, mdRole, match.RankOptions{Top: 10}), rankIDs(t, eng, mdRole, match.RankOptions{Top: 10, Offset: mr.Eligible, IncludeIneligible: true})...)
	if len(wantText) == 0 {
		t.Errorf("the text posting ranks no one: the step tests nothing")
	}
	if diff := cmp.Diff(wantText, fromText); diff != "" {
		t.Errorf("ranking for the text posting (-engine +page):\n%s", diff)
	}
}
