// Package ladder is a rules engine for career ladders: it loads a ladder
// (levels, checklists, ranking-standard metrics with expr rules, tenure
// minimums, nomination and fast-track rules, assessments, mentorship slots
// and referral cuts) once, checks it strictly, and evaluates people against
// it with a report that explains every check.
//
// The Worca "AI-First Business Manager" track (L1–L10) is embedded as the
// default, so the simplest use needs no set-up:
//
//	p, err := ladder.ParsePerson(profileYAML)
//	if err != nil {
//		return err // ProfileErrors: every problem with its field path
//	}
//	r, err := ladder.Evaluate(p, ladder.At(date))
//	if err != nil {
//		return err
//	}
//	fmt.Println(r.Promotion.Verdict) // eligible, not_eligible or undetermined
//	fmt.Print(r.Text())
//
// To use your own ladder, load it once with LoadDir (a directory on disk) or
// Load (a directory of an fs.FS); its problems come back together as
// DefinitionErrors, each with file:line:column. Then call Ladder.Evaluate as
// often as needed: a *Ladder is immutable and safe for concurrent use, and
// every rule is compiled at load.
package ladder
