namespace FleetKeys.Console.Tests;

/// <summary>A node configured for OpenID Connect sign-in, the provider it trusts, and a browser, shared by the class's specs.</summary>
public sealed class OidcFixture : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private OidcProvider _provider = null!;
    private IPlaywright _playwright = null!;

    public NodeApp Node { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var port = OidcProvider.ChoosePort();
        Node = await NodeApp.StartAsync(_database.Settings, null,
            "--FleetKeys:Console:Oidc:Authority", $"http://127.0.0.1:{port}",
            "--FleetKeys:Console:Oidc:ClientId", OidcProvider.ClientId,
            "--FleetKeys:Console:Oidc:ClientSecret", OidcProvider.ClientSecret,
            "--FleetKeys:Console:Oidc:DisplayName", "Example Corp",
            "--FleetKeys:Console:Oidc:Scopes:0", "groups",
            "--FleetKeys:Console:Oidc:Roles:" + OidcProvider.OperatorsGroup, "operator",
            "--FleetKeys:Console:Oidc:RequireHttpsMetadata", "false");
        _provider = await OidcProvider.StartAsync(port, new Uri(Node.BaseAddress, "/signin-oidc"));
        (_playwright, Browser) = await Tests.Browser.Launch();
    }

    /// <summary>Signs <paramref name="user"/> in through the provider's own login and consent pages, starting from the alarms.</summary>
    public async Task<IPage> SignInAs(string user)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Node.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/alarms");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Example Corp" }).ClickAsync();
        // oidc-provider's own development login and consent pages
        await page.Locator("input[name=login]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.Locator("button[autofocus], button[type=submit]").First.ClickAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _provider.DisposeAsync();
        await Node.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>Sign-in through a real OpenID Connect provider, the user's group mapped to a FleetKeys role by the node's configuration.</summary>
public sealed class OidcSignInSpecs(OidcFixture fixture) : IClassFixture<OidcFixture>
{

    [Fact]
    public async Task A_user_in_the_group_mapped_to_operator_signs_in_as_an_operator_and_lands_where_they_were_going()
    {
        var page = await fixture.SignInAs("olivia");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alarms", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=who]")).ToHaveTextAsync("olivia@example.com operator");
        var cookies = await page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "fleetkeys.console" && c.HttpOnly);
    }

    [Fact]
    public async Task A_user_in_no_mapped_group_is_refused_with_a_reason()
    {
        var page = await fixture.SignInAs("victor");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("no group that has a FleetKeys role");
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }
}
