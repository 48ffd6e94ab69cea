# RoleFerry silo image: build with the .NET SDK, run on the ASP.NET Core runtime.
#   docker build -t roleferry-silo .        (or: docker-compose up --build)
# Configuration comes from the environment, e.g.
#   ConnectionStrings__RoleFerry="Host=postgres;Port=5432;Username=roleferry;Password=...;Database=roleferry"
# The silo applies the database migrations itself at start-up.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Everything not excluded by .dockerignore (no tests/, bench/, bin/, obj/, .git); db/migrations is embedded
# into the silo assembly at build time.
COPY . .
RUN dotnet publish src/Silo/RoleFerry.Silo.csproj -c Release -o /app/publish -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl for the health check (docker-compose.yml: GET /health/ready).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/publish .
ENV ASPNETCORE_URLS="http://+:8080;http://+:9464" \
    RoleFerry__Telemetry__MetricsPort=9464 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# 8080: HTTP (API, dashboard, /health/*); 9464: /metrics alone; 11111: silo to silo; 30000: Orleans gateway
# (both over TLS with the cluster certificate of docker-compose.yml).
EXPOSE 8080 9464 11111 30000
# The cluster certificate's volume (docker-compose.yml), writable by the app user who creates it.
RUN mkdir -p /cluster-tls && chown "$APP_UID" /cluster-tls
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health/ready || exit 1
# Non-root user shipped with the .NET 8+ images.
USER $APP_UID
ENTRYPOINT ["dotnet", "RoleFerry.Silo.dll"]
