using FleetKeys.Api.Problems;

namespace FleetKeys.Api.Binding;

/// <summary>A request body's own rules — each field's presence, form and range — checked before its handler runs.</summary>
public interface IValidatable
{
    void Validate(Validator check);
}
