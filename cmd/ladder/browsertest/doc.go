// Package browsertest drives the pages of "ladder serve" in a real headless
// Chromium. It is a module of its own so that its test-only dependency,
// chromedp (which needs Go 1.25), stays out of the ladder module and its Go
// 1.24 floor. Run it from this directory: go test ./...
package browsertest
