module github.com/ladderkit/ladder

go 1.24

require (
	github.com/expr-lang/expr v1.17.8
	github.com/goccy/go-yaml v1.19.2
)
