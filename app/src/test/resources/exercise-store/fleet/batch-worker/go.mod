module example.com/batch-worker

go 1.22

require github.com/gin-gonic/gin v1.4.0
