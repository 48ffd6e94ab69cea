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
WORKDIR /app
COPY --from=build /app/publish .
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
# Non-root user shipped with the .NET 8+ images.
USER $APP_UID
ENTRYPOINT ["dotnet", "RoleFerry.Silo.dll"]
