module example.com/edge-api

go 1.22

require (
	github.com/gin-gonic/gin v1.5.0
	github.com/wazuh/wazuh v4.5.0+incompatible
)
