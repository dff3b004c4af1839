module github.com/example/edge-gateway

go 1.21

toolchain go1.21.6

require (
	github.com/gin-gonic/gin v1.9.0
	golang.org/x/net v0.7.0
	github.com/Azure/go-autorest v14.2.0+incompatible
	google.golang.org/grpc v1.53.0
	github.com/example/internal-auth v0.3.1
)

require (
	github.com/bytedance/sonic v1.8.0 // indirect
	github.com/golang/protobuf v1.5.2 // indirect
	golang.org/x/sys v0.5.0 // indirect
	golang.org/x/text v0.7.0 // indirect
	google.golang.org/genproto v0.0.0-20230110181048-76db0878b65f // indirect
	"gopkg.in/yaml.v3" v3.0.1 // indirect
)

require github.com/gorilla/websocket v1.4.2

// CVE-2023-39325: HTTP/2 rapid reset
replace golang.org/x/net v0.7.0 => golang.org/x/net v0.17.0

replace (
	github.com/example/internal-auth => ../internal-auth
	github.com/golang/protobuf => github.com/golang/protobuf v1.5.3
)

exclude golang.org/x/sys v0.4.0

retract v1.0.1 // published by mistake
