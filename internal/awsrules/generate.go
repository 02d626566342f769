package awsrules

//go:generate go run ./internal/genregions -o regions_gen.go
