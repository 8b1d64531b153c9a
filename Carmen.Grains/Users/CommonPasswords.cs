using System.Collections.Frozen;

namespace Carmen.Grains.Users;

/// <summary>
/// Passwords of ten characters or more that top the published lists of leaked passwords (shorter ones are refused by
/// length already), lower-cased: what a guessing attack tries first, so no account may have one.
/// </summary>
internal static class CommonPasswords
{
    private static readonly FrozenSet<string> s_passwords = FrozenSet.Create(StringComparer.Ordinal,
    [
        "1234567890", "0987654321", "12345678910", "1234567891", "123456789a", "123456789q", "1234554321", "1122334455",
        "1111111111", "0000000000", "5555555555", "1212121212", "1231231234", "123123123123", "147258369", "9876543210",
        "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx3edc", "1qazxsw23edc", "q1w2e3r4t5", "q1w2e3r4t5y6", "qwertyuiop", "qwerty1234",
        "qwerty12345", "qwerty123456", "qwertyuiop1", "asdfghjkl1", "asdfghjkl;", "zxcvbnm123", "zaq12wsxcde", "qazwsxedc123",
        "password12", "password123", "password1234", "password12345", "password01", "password99", "password!1", "password1!",
        "passw0rd123", "p@ssw0rd123", "p@ssword123", "mypassword", "mypassword1", "newpassword", "secretpassword", "mysecret123",
        "iloveyou12", "iloveyou123", "iloveyou1234", "iloveyou!!", "princess12", "princess123", "sunshine12", "sunshine123",
        "football12", "football123", "baseball12", "baseball123", "basketball", "basketball1", "superman12", "superman123",
        "starwars12", "starwars123", "trustno1234", "welcome123", "welcome1234", "welcome2024", "welcome2025", "welcome2026",
        "letmein123", "letmein1234", "changeme12", "changeme123", "changemenow", "administrator", "administrator1", "admin12345",
        "admin123456", "adminadmin", "adminadmin1", "administrador", "rootroot123", "root123456", "toor123456", "test123456",
        "testtest123", "testing123", "guest12345", "default123", "abcd123456", "abc1234567", "abcdefghij", "abcdefg123",
        "a1b2c3d4e5", "aa12345678", "qq12345678", "1234qwerasdf", "123qweasdzxc", "qweasdzxc123", "azertyuiop", "azerty1234",
        "monkey1234", "dragon1234", "master1234", "shadow1234", "michael123", "jennifer12", "computer12", "computer123",
        "internet12", "whatever12", "liverpool1", "liverpool12", "manchester", "manchester1", "chelsea123", "arsenal123",
        "barcelona1", "realmadrid", "juventus12", "cocacola12", "samsung123", "mercedes12", "ferrari123", "pokemon123",
        "minecraft1", "minecraft12", "minecraft123", "fortnite12", "pakistan123", "babygirl12", "lovelove12", "loveyou123",
        "mustang123", "hello12345", "helloworld", "helloworld1", "goodluck12", "blink18212", "metallica1", "slipknot12",
        "football1!", "summer2024", "summer2025", "summer2026", "winter2024", "winter2025", "winter2026", "spring2025",
        "autumn2025", "january2025", "password2024", "password2025", "password2026", "company123", "company1234", "qwerty!@#$",
        "!qaz2wsx3edc", "1q2w3e4r!", "zaq1zaq1zaq1", "xsw2xsw2xsw2", "passpass12", "asdasdasd1", "qweqweqwe1", "zxczxczxc1",
    ]);

    public static bool Contains(string lowerCasePassword) => s_passwords.Contains(lowerCasePassword);
}
