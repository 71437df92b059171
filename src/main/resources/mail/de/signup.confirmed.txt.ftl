<#-- signup.confirmed (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Anmeldung bestätigt: ${(course.name)!""}</#assign>
<@t.hello/>

Ihre Anmeldung für den Kurs <@t.coursePhrase c=course!{}/> ist bestätigt: Sie haben einen festen Platz.

<@t.courseFacts/>

<@t.payment/>

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
