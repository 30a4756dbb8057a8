using FleetKeys.Api.Auth;

namespace FleetKeys.Node.Tests.Security;

/// <summary>The one order of roles every check reads: admin may do what an operator may, who may do what an auditor may.</summary>
public sealed class RoleOrderSpecs
{
    [Theory]
    [InlineData(Roles.Admin, Roles.Admin, true)]
    [InlineData(Roles.Admin, Roles.Auditor, true)]
    [InlineData(Roles.Operator, Roles.Operator, true)]
    [InlineData(Roles.Operator, Roles.Admin, false)]
    [InlineData(Roles.Auditor, Roles.Operator, false)]
    [InlineData(null, Roles.Auditor, false)]
    [InlineData("superuser", Roles.Auditor, false)]
    public void A_role_satisfies_its_own_and_those_below_it(string? held, string needed, bool satisfies) =>
        Assert.Equal(satisfies, Roles.Satisfies(held, needed));

    [Fact]
    public void Each_policy_is_open_to_its_least_role_and_those_above()
    {
        Assert.Equal([Roles.Admin, Roles.Operator, Roles.Auditor], Roles.AtLeast(Roles.Auditor));
        Assert.Equal([Roles.Admin, Roles.Operator], Roles.AtLeast(Roles.Operator));
        Assert.Equal([Roles.Admin], Roles.AtLeast(Roles.Admin));
    }
}
