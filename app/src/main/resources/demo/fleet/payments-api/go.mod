module example.com/payments-api

go 1.22

require (
	github.com/goreleaser/goreleaser v1.23.0
	github.com/hashicorp/vault v1.6.0
	github.com/opencontainers/runc v1.0.0-rc93
	github.com/hashicorp/consul v1.7.0
	github.com/docker/docker v25.0.0+incompatible
)
