<#-- signup.signed-off (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Abmeldung bestätigt: ${(course.name)!""}</#assign>
<@t.hello/>

Sie haben sich vom Kurs <@t.coursePhrase c=course!{}/> abgemeldet; Ihre Anmeldung ist storniert. Ihr Platz geht an die nächste Person auf der Warteliste.

Falls Sie sich nicht selbst abgemeldet haben, hat jemand Ihren Statuslink benutzt; melden Sie sich dann bitte beim Kursteam.

<@t.statusLink/>

<@t.footer/>
